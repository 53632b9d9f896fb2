import { describe, expect, it } from "vitest";
import { describeAuditSummary } from "@/lib/audit/summary";

// The audit log reads as Chinese sentences, never as JSON with the code's enum names.
describe("audit summaries in words", () => {
  it.each([
    ["story.submit", "story", { from: "DRAFT", to: "SUBMITTED", version: 3, headline: "梨树县秋粮入仓" }, ["状态：草稿 → 已提交", "版本：第 3 版", "标题：《梨树县秋粮入仓》"]],
    ["story.return", "story", { from: "IN_EDIT", to: "RETURNED", version: 4, note: "请补充数字" }, ["状态：编辑中 → 已退回", "版本：第 4 版", "意见：请补充数字"]],
    ["story.create", "story", { headline: "", kind: "PHOTO_NEWS", status: "DRAFT" }, ["体裁：图片新闻", "状态：草稿"]],
    ["story.place", "story", { from: "APPROVED", to: "PLACED", pageId: "cxyz", page: 2 }, ["状态：已通过 → 已上版", "版面：第2版"]],
    ["issue.create", "issue", { date: "2026-11-26", number: 9123 }, ["出版日期：2026年11月26日", "期号：总第9123期"]],
    ["issue.publish", "issue", { number: 9123, stories: 14 }, ["期号：总第9123期", "稿件：14 篇"]],
    ["issue.release", "issue", { number: 9124, stories: 60, publishAt: "2026-11-27T22:30:00.000Z", lateMinutes: 7 }, ["期号：总第9124期", "稿件：60 篇", "定时见报：北京时间 11月28日 06:30", "晚于定时：7 分钟"]],
    ["issue.schedule", "issue", { number: 9124, publishAt: "2026-11-27T22:30:15.000Z", previousPublishAt: "2026-11-27T22:00:00.000Z" }, ["期号：总第9124期", "定时见报：北京时间 11月28日 06:30:15", "原定见报：北京时间 11月28日 06:00"]],
    ["issue.hold", "issue", { number: 9124, publishAt: "2026-11-27T22:30:00.000Z" }, ["期号：总第9124期", "原定见报：北京时间 11月28日 06:30"]],
    ["page.create", "page", { number: 5, name: "经济" }, ["版次：第5版", "版名：经济"]],
    ["page.sign", "page", { number: 1, proofVersion: 12 }, ["版次：第1版", "大样版本：第 12 版"]],
    ["proof.mark", "proof", { page: 1, round: "二校", markKind: "WRONG_CHAR", quote: "伐", suggestion: "阀" }, ["版面：第1版", "校次：二校", "标记：错字", "原文：伐", "改为：阀"]],
    ["proof.keep", "proof", { page: 3, quote: "四百余个", reason: "与通报一致" }, ["版面：第3版", "原文：四百余个", "原因：与通报一致"]],
    ["story.sendBack", "story", { from: "PLACED", to: "PLACED", version: 6, note: "数字再核", backTo: "复审" }, ["状态：已上版 → 已上版", "版本：第 6 版", "意见：数字再核", "退回到：复审"]],
    ["review.chain", "paper", { from: "三审（初审、复审、终审）", to: "两审（初审、终审）" }, ["设置：三审（初审、复审、终审） → 两审（初审、终审）"]],
    ["proof.rounds", "paper", { from: 3, to: 2 }, ["设置：3 → 2"]],
    ["fees.close", "fees", { month: "2026-11", lines: 2480, total: "¥61,230.50" }, ["月份：2026-11", "明细：2480 条", "合计：¥61,230.50"]],
    ["fees.adjust", "fees", { month: "2026-12", payee: "张晗", amount: "-¥5.50", reason: "重复计发" }, ["月份：2026-12", "收款人：张晗", "金额：-¥5.50", "原因：重复计发"]],
    ["story.rate", "story", { headline: "秋粮入仓", rating: "未评级 → A 级、重点稿" }, ["标题：《秋粮入仓》", "评级：未评级 → A 级、重点稿"]],
    ["lock.takeover", "story", { from: "张晗" }, ["接管自：张晗"]],
    ["user.update", "user", { username: "wangyu", role: { from: "CORRESPONDENT", to: "EDITOR" }, sessionsEnded: 1 }, ["用户名：wangyu", "角色：通讯员/记者 → 编辑", "结束登录会话：1 个"]],
    ["user.update", "user", { username: "wangyu", active: { from: true, to: false }, password: "reset", sessionsEnded: 0 }, ["用户名：wangyu", "账号：启用 → 停用", "密码：已重置"]],
    ["photo.upload", "photo", { bytes: 2_400_000, mimeType: "image/jpeg", width: 4000, height: 3000 }, ["大小：2.3 MB", "格式：JPEG", "尺寸：4000×3000"]],
    ["signin.fail", "signin", { username: "nobody", address: "203.0.113.7", reason: "unknown_user" }, ["用户名：nobody", "来源地址：203.0.113.7", "原因：账号不存在"]],
    ["signin.lockout", "signin", { scope: "account", username: "wangyu", address: "203.0.113.7", minutes: 30, until: "2026-11-27T02:00:00.000Z" },
      ["限制对象：账号", "用户名：wangyu", "来源地址：203.0.113.7", "锁定时长：30 分钟", "限制到：11月27日 10:00（北京时间）"]],
    ["signin.lockout", "signin", { scope: "device", username: "wangyu", address: "203.0.113.7", device: "Qm9va2VkX2Rldmlj", minutes: 15, until: "2026-11-27T02:00:00.000Z" },
      ["限制对象：常用浏览器", "用户名：wangyu", "来源地址：203.0.113.7", "常用浏览器：Qm9va2", "锁定时长：15 分钟", "限制到：11月27日 10:00（北京时间）"]],
  ])("%s %j", (action, targetType, summary, phrases) => {
    const described = describeAuditSummary({ action, targetType, summary });
    expect(described).toEqual(phrases);
    expect(described.join("")).not.toMatch(/DRAFT|SUBMITTED|CORRESPONDENT|[{}"]/);
  });
  it("shows keys it does not know instead of hiding them", () => {
    expect(describeAuditSummary({ action: "x.y", targetType: "story", summary: { future: 1 } })).toEqual(["future：1"]);
  });
});
