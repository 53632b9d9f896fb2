import { isEditorRole, type Role } from "@/lib/core/roles";

// The one table of who may do what to a story, from which state, and where it goes.
// Every story mutation asks `decide()` first; the UI asks `allowedActions()` to show buttons.
export const STORY_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "IN_EDIT",
  "RETURNED",
  "APPROVED",
  "PLACED",
  "PUBLISHED",
  "SPIKED",
  "WITHDRAWN",
] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export const STATUS_LABELS: Record<StoryStatus, string> = {
  DRAFT: "草稿",
  SUBMITTED: "已提交",
  IN_EDIT: "编辑中",
  RETURNED: "已退回",
  APPROVED: "已通过",
  PLACED: "已上版",
  PUBLISHED: "已见报",
  SPIKED: "已弃用",
  WITHDRAWN: "已撤稿",
};

export type StoryAction =
  | "edit"
  | "note"
  | "submit"
  | "claim"
  | "release"
  | "approve"
  | "return"
  | "spike"
  | "restore"
  | "place"
  | "unplace"
  | "publish"
  | "correct"
  | "withdraw";

export const ACTION_LABELS: Record<StoryAction, string> = {
  edit: "修改",
  note: "留言",
  submit: "提交",
  claim: "认领编辑",
  release: "放回待审",
  approve: "通过",
  return: "退回",
  spike: "弃用",
  restore: "恢复",
  place: "上版",
  unplace: "撤下版面",
  publish: "签发见报",
  correct: "更正",
  withdraw: "撤稿",
};

type Who = "author" | Role;
type Rule = { from: readonly StoryStatus[]; to: StoryStatus | "same"; who: readonly Who[] };

const DESK: readonly Who[] = ["EDITOR", "CHIEF_EDITOR"];
const BEFORE_PUBLICATION_ON_DESK: readonly StoryStatus[] = ["SUBMITTED", "IN_EDIT", "APPROVED", "PLACED"];
const ALL_STATES: readonly StoryStatus[] = STORY_STATUSES;

// Editing is split by who holds the copy: the author until it is submitted (or after it is
// returned), the desk from submission until publication.
const RULES: Record<StoryAction, readonly Rule[]> = {
  edit: [
    { from: ["DRAFT", "RETURNED"], to: "same", who: ["author"] },
    { from: BEFORE_PUBLICATION_ON_DESK, to: "same", who: DESK },
  ],
  // The thread of notes is open to the author and the desk for the story's whole life.
  note: [{ from: ALL_STATES, to: "same", who: ["author", ...DESK] }],
  submit: [{ from: ["DRAFT", "RETURNED"], to: "SUBMITTED", who: ["author"] }],
  // One editor claims submitted copy to work on it; releasing puts it back in the queue.
  claim: [{ from: ["SUBMITTED"], to: "IN_EDIT", who: DESK }],
  release: [{ from: ["IN_EDIT"], to: "SUBMITTED", who: DESK }],
  approve: [{ from: ["SUBMITTED", "IN_EDIT"], to: "APPROVED", who: DESK }],
  return: [{ from: ["SUBMITTED", "IN_EDIT", "APPROVED"], to: "RETURNED", who: DESK }],
  spike: [{ from: ["SUBMITTED", "IN_EDIT", "APPROVED"], to: "SPIKED", who: DESK }],
  restore: [{ from: ["SPIKED"], to: "SUBMITTED", who: DESK }],
  place: [{ from: ["APPROVED"], to: "PLACED", who: DESK }],
  unplace: [{ from: ["PLACED"], to: "APPROVED", who: DESK }],
  // Publication happens to a whole issue; the chief editor on duty signs it off.
  publish: [{ from: ["PLACED"], to: "PUBLISHED", who: ["CHIEF_EDITOR"] }],
  // After publication the copy stays as printed: a correction is added under it, or the chief
  // editor withdraws the story (its reader page then answers 410 Gone).
  correct: [{ from: ["PUBLISHED"], to: "same", who: DESK }],
  withdraw: [{ from: ["PUBLISHED"], to: "WITHDRAWN", who: ["CHIEF_EDITOR"] }],
};

export type Actor = { id: string; role: Role };
export type StoryRef = { status: StoryStatus; authorId: string };

export type Decision = { allowed: true; to: StoryStatus } | { allowed: false; reason: string };

export function decide(action: StoryAction, story: StoryRef, actor: Actor): Decision {
  const rules = RULES[action];
  const fromState = rules.filter((r) => r.from.includes(story.status));
  if (fromState.length === 0) {
    return { allowed: false, reason: `稿件状态为“${STATUS_LABELS[story.status]}”，不能${ACTION_LABELS[action]}` };
  }
  const isAuthor = story.authorId === actor.id;
  const rule = fromState.find((r) => r.who.includes(actor.role) || (isAuthor && r.who.includes("author")));
  if (!rule) {
    return { allowed: false, reason: `你没有权限${ACTION_LABELS[action]}这篇“${STATUS_LABELS[story.status]}”的稿件` };
  }
  return { allowed: true, to: rule.to === "same" ? story.status : rule.to };
}

export function allowedActions(story: StoryRef, actor: Actor): StoryAction[] {
  return (Object.keys(RULES) as StoryAction[]).filter((a) => decide(a, story, actor).allowed);
}

/** Who may read a story in the back office (readers see published stories through the e-paper). */
export function canView(story: StoryRef, actor: Actor): boolean {
  if (story.authorId === actor.id) return true;
  if (isEditorRole(actor.role)) return story.status !== "DRAFT";
  return false;
}
