import { STATUS_LABELS, type StoryStatus } from "@/lib/stories/workflow";
import { KIND_LABELS, type StoryKind } from "@/lib/stories/schema";
import { ROLE_LABELS, type Role } from "@/lib/core/roles";
import { SIZE_LABELS } from "@/lib/issues/labels";
import { formatIssueDate, formatMoment, formatMomentExact, isRealDay } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";
import { MARK_KIND_LABELS, type MarkKind } from "@/lib/proofing/marks";
import { UNIT_KIND_LABELS, type UnitKind } from "@/lib/adoption/unit-kinds";

// How an audit event's summary reads to an administrator: short Chinese phrases such as
// "状态：草稿 → 已提交", not JSON with the code's enum names. Keys we do not know yet are shown
// as they are, so nothing recorded is ever hidden.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const SIGN_IN_REASONS: Record<string, string> = {
  wrong_password: "密码错误",
  unknown_user: "账号不存在",
  disabled: "账号已停用",
};

/** Internal references an administrator cannot use; the event's target already names the thing. */
const UNSHOWN = new Set(["noteId", "pageId", "issueId"]);

const text = (v: Json): string => (typeof v === "string" ? v : JSON.stringify(v));
const fromTo = (v: Json, name: (x: Json) => string): string | null =>
  v && typeof v === "object" && !Array.isArray(v) && "from" in v && "to" in v ? `${name(v.from)} → ${name(v.to)}` : null;

const statusName = (v: Json) => (typeof v === "string" && v in STATUS_LABELS ? STATUS_LABELS[v as StoryStatus] : text(v));
const roleName = (v: Json) => (typeof v === "string" && v in ROLE_LABELS ? ROLE_LABELS[v as Role] : text(v));
const yesNo = (v: Json) => (v === true ? "启用" : v === false ? "停用" : text(v));

// Settings saved with what they were (the 差错率 limit, the review chain, the rounds per page, and
// the fee and scoring rules, whose changed lines are lists).
const SETTINGS = new Set(["quality.limit", "review.chain", "proof.rounds", "fees.table"]);
const settingValue = (v: Json): string => (typeof v === "number" ? String(v) : Array.isArray(v) ? v.map(settingValue).join("。") : text(v));
const unitKindName = (v: Json) => (typeof v === "string" && v in UNIT_KIND_LABELS ? UNIT_KIND_LABELS[v as UnitKind] : text(v));
const orBlank = (v: Json) => text(v) || "（空）";

const ALARM_ENDS: Record<string, string> = { RELEASED: "已见报", HELD: "已暂缓", RESCHEDULED: "已改期", ACKNOWLEDGED: "管理员已确认" };

const PHOTO_FIELD_LABELS: Record<string, string> = { caption: "图片说明", credit: "署名", altText: "替代文字", keywords: "关键词", place: "地点", event: "事件" };

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

const beijingTime = (v: Json) => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? `北京时间 ${formatMomentExact(new Date(v))}` : text(v));

function minutes(seconds: number): string {
  return seconds >= 3600 ? `${Math.round(seconds / 360) / 10} 小时` : `${Math.round(seconds / 60)} 分钟`;
}

export function describeAuditSummary(event: { action: string; targetType: string; summary: unknown }): string[] {
  const summary = event.summary && typeof event.summary === "object" && !Array.isArray(event.summary) ? (event.summary as Record<string, Json>) : {};
  const phrases: string[] = [];
  // from/to are story states, except on a take-over, where "from" names the previous holder.
  if ("from" in summary && "to" in summary && SETTINGS.has(event.action)) phrases.push(`设置：${settingValue(summary.from)} → ${settingValue(summary.to)}`);
  else if ("from" in summary && "to" in summary) phrases.push(`状态：${statusName(summary.from)} → ${statusName(summary.to)}`);
  else if ("from" in summary && event.action === "lock.takeover") phrases.push(`接管自：${summary.from ?? "（无人）"}`);
  for (const [key, value] of Object.entries(summary)) {
    if (key === "from" || key === "to" || UNSHOWN.has(key) || value === undefined) continue;
    const phrase = describe(key, value, event);
    if (phrase) phrases.push(phrase);
  }
  if ("width" in summary && "height" in summary) phrases.push(`尺寸：${summary.width}×${summary.height}`);
  return phrases;
}

function describe(key: string, value: Json, event: { action: string; targetType: string }): string | null {
  switch (key) {
    case "headline":
      return value ? `标题：《${text(value)}》` : null;
    case "kind":
      return `体裁：${typeof value === "string" && value in KIND_LABELS ? KIND_LABELS[value as StoryKind] : text(value)}`;
    case "status":
      return `状态：${statusName(value)}`;
    case "version":
      return `版本：第 ${text(value)} 版`;
    case "note":
      return `意见：${text(value)}`;
    case "text":
      return `说明：${text(value)}`;
    case "page":
      return `版面：${pageLabel(text(value))}`;
    case "number":
      return event.targetType === "issue" ? `期号：总第${text(value)}期` : `版次：${pageLabel(text(value))}`;
    case "name":
      return `版名：${text(value)}`;
    case "date":
      return `出版日期：${typeof value === "string" && isRealDay(value) ? formatIssueDate(value, false) : text(value)}`;
    case "stories":
      return `稿件：${text(value)} 篇`;
    case "count":
      return `条数：${text(value)}`;
    case "bytes":
      return typeof value === "number" ? `大小：${megabytes(value)}` : null;
    case "mimeType":
      return `格式：${text(value).replace("image/", "").toUpperCase()}`;
    case "width":
    case "height":
      return null; // shown together as 尺寸
    case "username":
      return `用户名：${text(value)}`;
    case "role":
      return `角色：${fromTo(value, roleName) ?? roleName(value)}`;
    case "active":
      return `账号：${fromTo(value, yesNo) ?? yesNo(value)}`;
    case "password":
      return "密码：已重置";
    case "sessionsEnded":
      return typeof value === "number" && value > 0 ? `结束登录会话：${value} 个` : null;
    case "address":
      return `来源地址：${text(value)}`;
    case "reason":
      return `原因：${typeof value === "string" && value in SIGN_IN_REASONS ? SIGN_IN_REASONS[value] : text(value)}`;
    case "until":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? `限制到：${formatMoment(value)}（北京时间）` : `限制到：${text(value)}`;
    case "item":
      return `稿件：${text(value)}`;
    case "size":
      return `大小：${typeof value === "string" && value in SIZE_LABELS ? SIZE_LABELS[value as keyof typeof SIZE_LABELS] : text(value)}`;
    case "index":
      return typeof value === "number" ? `位置：第 ${value + 1} 条` : null;
    case "issue":
      return `期号：总第${text(value)}期`;
    case "topic":
      return `选题：${text(value)}`;
    case "assignee":
      return `记者：${text(value)}`;
    case "length":
      return `字数：${text(value)}`;
    case "reservedAreas":
      return `预留：${text(value)} 块`;
    case "editorCredit":
      return `责任编辑：${text(value) || "（空）"}`;
    case "designerCredit":
      return `美术编辑：${text(value) || "（空）"}`;
    case "proofreaderCredit":
      return `校对：${text(value) || "（空）"}`;
    case "cnNumber":
      return `刊号：${text(value)}`;
    case "postalCode":
      return `邮发代号：${text(value)}`;
    case "publisher":
      return `主管主办：${text(value)}`;
    case "releaseTime":
      return `见报时间：${text(value)}`;
    case "columns":
      return `栏数：${text(value)}`;
    case "capacity":
      return `容量：${text(value)} 字`;
    case "via":
      return value === "command line" ? "途径：命令行" : `途径：${text(value)}`;
    case "minutes":
      return typeof value === "number" ? `锁定时长：${minutes(value * 60)}` : null;
    case "scope":
    case "lockedBy":
      return `限制对象：${value === "account" ? "账号" : value === "address" ? "来源地址" : value === "device" ? "常用浏览器" : text(value)}`;
    case "device":
      // A browser the account signed in from before (lib/auth/signin-device.ts), as the lock list names it.
      return `常用浏览器：${text(value).slice(0, 6)}`;
    case "publishAt":
      return `${event.action === "issue.hold" ? "原定见报" : "定时见报"}：${beijingTime(value)}`;
    case "previousPublishAt":
      return `原定见报：${beijingTime(value)}`;
    case "lateMinutes":
      return `晚于定时：${text(value)} 分钟`;
    case "photoFields":
      return Array.isArray(value) ? `改动：${value.map((f) => PHOTO_FIELD_LABELS[String(f)] ?? text(f)).join("、")}` : null;
    case "attemptsInWindow":
      return `本时段内尝试：${text(value)} 次`;
    case "queue":
      return `任务：${text(value)}`;
    case "error":
      return `失败原因：${text(value)}`;
    case "lastFailedAt":
      return `最近失败：${beijingTime(value)}`;
    case "proofVersion":
      return `大样版本：第 ${text(value)} 版`;
    case "round":
      return `校次：${text(value)}`;
    case "markKind":
      return `标记：${typeof value === "string" && value in MARK_KIND_LABELS ? MARK_KIND_LABELS[value as MarkKind] : text(value)}`;
    case "quote":
      return `原文：${text(value)}`;
    case "suggestion":
      return `改为：${text(value)}`;
    case "backTo":
      return `退回到：${text(value)}`;
    case "unit":
      return `单位：${fromTo(value, text) ?? text(value)}`;
    case "unitKind":
      return `类别：${fromTo(value, unitKindName) ?? unitKindName(value)}`;
    case "region":
      return `地区：${fromTo(value, orBlank) ?? orBlank(value)}`;
    case "contributor":
      return `作者：${text(value)}`;
    case "rules":
      return `办法：${text(value)}`;
    case "month":
      return `月份：${text(value)}`;
    case "lines":
      return `明细：${text(value)} 条`;
    case "total":
      return `合计：${text(value)}`;
    case "payee":
      return `收款人：${text(value)}`;
    case "amount":
      return `金额：${text(value)}`;
    case "rating":
      return `评级：${text(value)}`;
    case "ended":
      return `解除：${ALARM_ENDS[text(value)] ?? text(value)}`;
    default:
      return `${key}：${text(value)}`;
  }
}
