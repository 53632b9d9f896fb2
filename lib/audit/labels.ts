import type { ListedAuditAction } from "@/lib/core/audit-actions";
import { loggedLabel, STORY_ACTION_NAMES } from "@/lib/stories/workflow";

// How the audit log names each recorded action for an administrator reading it. The story workflow's
// steps are named by the workflow table.
const LISTED: Record<ListedAuditAction, string> = {
  "session.start": "登录",
  "session.end": "退出登录",
  "signin.fail": "登录失败",
  "signin.throttled": "登录被限制",
  "signin.lockout": "登录锁定",
  "signin.unlock": "解除登录锁定",
  "user.create": "创建账号",
  "user.update": "修改账号",
  "story.create": "新建稿件",
  "story.create_and_submit": "新建并提交稿件",
  "story.autosave": "自动保存",
  "story.revert": "恢复历史版本",
  "story.import": "版面导入稿件",
  "story.proofFix": "按校对标记改正",
  "lock.acquire": "开始编辑（加锁）",
  "lock.takeover": "接管编辑",
  "lock.release": "结束编辑（解锁）",
  "photo.upload": "上传图片",
  "photo.update": "修改图片说明",
  "photo.discard": "撤回上传的图片",
  "issue.create": "新建一期",
  "issue.publish": "签发见报", // the name before 定时见报; kept for older entries
  "issue.release": "签发见报",
  "issue.schedule": "定时见报",
  "issue.hold": "暂缓见报",
  "issue.render_again": "重新生成版面文件",
  "issue.import_page": "导入过刊版面",
  "page.create": "添加版面",
  "page.delete": "删除版面",
  "page.plan": "修改版面设置",
  "page.submit": "送签",
  "page.sign": "签版",
  "page.reopen": "签版后改动（回到待签）",
  "placement.up": "上移稿件", // before the board; kept for older entries
  "placement.down": "下移稿件", // before the board; kept for older entries
  "placement.move": "移动稿件",
  "placement.size": "改版面大小",
  "placement.lead": "设为头条",
  "placement.jump": "转版",
  "slot.plan": "排计划稿（约稿）",
  "slot.remove": "撤下计划稿",
  "paper.update": "修改报社设置",
  "paper.format": "修改版式",
  "paper.deadlines": "修改截稿与签版时间",
  "inbox.read": "消息标为已读",
  "error.record": "登记差错",
  "error.void": "作废差错记录",
  "quality.limit": "修改差错率上限",
  "review.chain": "修改审稿流程",
  "proof.open": "开始一轮校对",
  "proof.close": "结束一轮校对",
  "proof.mark": "校对标记",
  "proof.apply": "按校对标记改正",
  "proof.keep": "校对标记不改",
  "proof.rounds": "修改校次",
  "fees.close": "稿酬结算",
  "fees.adjust": "稿酬人工调整",
  "fees.table": "修改稿酬标准",
  "story.rate": "稿件评级",
  "unit.create": "新建单位",
  "unit.update": "修改单位",
  "contributor.unit": "设置作者单位",
  "alarm.raise": "发出警报",
  "alarm.repeat": "警报：任务再次失败",
  "alarm.end": "警报解除",
  "alarm.acknowledge": "确认任务警报",
};

const LABELS: Record<string, string> = {
  ...LISTED,
  ...Object.fromEntries(STORY_ACTION_NAMES.map((step) => [`story.${step}`, loggedLabel(step)])),
};

export function auditActionLabel(action: string): string {
  return LABELS[action] ?? action;
}

// What each kind of audited object is called; the id follows it.
const TARGETS: Record<string, string> = {
  story: "稿件",
  issue: "期",
  page: "版面",
  photo: "图片",
  user: "账号",
  session: "登录会话",
  signin: "登录",
  paper: "报社设置",
  alarm: "警报",
  error: "差错记录",
  proof: "校对",
  fees: "稿酬",
  unit: "单位",
  contributor: "作者",
};

/** "稿件 ckx…" for an administrator: the object's kind in words, never the code's name for it. */
export function auditTargetLabel(targetType: string): string {
  return TARGETS[targetType] ?? "其他";
}
