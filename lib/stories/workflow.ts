import { rolesWith, type Role } from "@/lib/core/roles";
import { decideReview, sendBackTargets, STEP_TAKERS, type ReviewDecision, type ReviewState, type ReviewStep } from "@/lib/stories/review-chain";
import type { StoryStatus as StoredStoryStatus } from "@/lib/generated/prisma/enums";
import type { ListsEvery } from "@/lib/core/stored-enums";

// The one table of who may do what to a story, from which state, and where it goes.
// Every story mutation asks `decide()` first; the UI asks `allowedActions()` to show buttons.
// In the order a story lives them; the same values as the database's enum (checked below).
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
] as const satisfies readonly StoredStoryStatus[];
export type StoryStatus = (typeof STORY_STATUSES)[number];
// A state added to schema.prisma and not here fails to compile.
true satisfies ListsEvery<StoredStoryStatus, StoryStatus>;

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

type Who = "author" | Role;
type Rule = { from: readonly StoryStatus[]; to: StoryStatus | "same"; who: readonly Who[] };

const DESK: readonly Who[] = rolesWith("desk:review");
/** Copy the desk holds before print: where it is edited, and where the review chain reads it. */
export const BEFORE_PUBLICATION_ON_DESK = ["SUBMITTED", "IN_EDIT", "APPROVED", "PLACED"] as const satisfies readonly StoryStatus[];
const ALL_STATES: readonly StoryStatus[] = STORY_STATUSES;

/** Who hears of a move in their inbox, and what they read. */
type Tells = {
  who: "desk" | "author";
  kind: "SUBMITTED" | "RESUBMITTED" | "RETURNED" | "APPROVED";
  message: (actorName: string, title: string, note: string) => string;
};

/** One story action: everything the app says and does about it is read from its row. */
type ActionRow = {
  /** Its name in refusals ("不能通过") and, unless `revision` says otherwise, in the history. */
  label: string;
  /** How the history names a revision this action made, when not by its label. */
  revision?: string;
  /** How the audit log names it, when not as the history does (the log reads without the story's page around it). */
  logged?: string;
  /** From which states, to which, by whom. */
  rules: readonly Rule[];
  /**
   * Its button on the story form, when it is one: the text, its weight, and another action that also
   * shows it (a story action, which the type cannot say here: tests/unit/workflow.test.ts checks it).
   */
  button?: { text: string; style: "primary" | "plain" | "danger"; alsoWhen?: string; whileReading?: boolean };
  /** What the form says once it is done. */
  done?: string;
  /** The one who acts still holds the edit lock afterwards (they go on working on it). */
  keepsLock: boolean;
  /** The editor is sent back to the queue afterwards: the story has left their hands. */
  leavesQueue: boolean;
  tells?: Tells;
  /**
   * The 审稿单 it writes (lib/stories/review-chain.ts): a pass of one step, 退改 or 退稿 at the step
   * deciding. Whoever takes it must also be one the chain allows.
   */
  review?: { decision: ReviewDecision; step?: ReviewStep; toEarlierStep?: true };
};

// The workflow, one row per action. Editing is split by who holds the copy: the author until it is
// submitted (or after it is returned), the desk from submission until publication. A new step is a
// row here (and its test in tests/unit/workflow.test.ts): the buttons, the form's intents, the done
// messages, who is told, the lock and the queue follow from it.
export const STORY_ACTIONS = {
  edit: {
    label: "修改",
    rules: [
      { from: ["DRAFT", "RETURNED"], to: "same", who: ["author"] },
      { from: BEFORE_PUBLICATION_ON_DESK, to: "same", who: DESK },
    ],
    button: { text: "保存", style: "plain" },
    revision: "保存",
    logged: "保存稿件",
    done: "已保存",
    keepsLock: true,
    leavesQueue: false,
  },
  // The thread of notes is open to the author and the desk for the story's whole life.
  note: { label: "留言", rules: [{ from: ALL_STATES, to: "same", who: ["author", ...DESK] }], keepsLock: true, leavesQueue: false },
  submit: {
    label: "提交",
    logged: "提交稿件",
    rules: [{ from: ["DRAFT", "RETURNED"], to: "SUBMITTED", who: ["author"] }],
    button: { text: "提交审稿", style: "primary" },
    done: "已提交，等待编辑审稿",
    keepsLock: false,
    leavesQueue: false,
    tells: { who: "desk", kind: "SUBMITTED", message: (actor, title) => `${actor}提交了${title}` },
  },
  // One editor claims submitted copy to work on it; releasing puts it back in the queue.
  claim: { label: "认领编辑", rules: [{ from: ["SUBMITTED"], to: "IN_EDIT", who: DESK }], keepsLock: true, leavesQueue: false },
  // 初审: the first step of the review chain, which also makes the copy ready for the page (可上版).
  // Copy sent back to 初审 from a page or from 可上版 is passed again where it stands.
  approve: {
    label: "初审",
    revision: "初审通过",
    rules: [
      { from: ["SUBMITTED", "IN_EDIT"], to: "APPROVED", who: STEP_TAKERS.FIRST },
      { from: ["APPROVED", "PLACED"], to: "same", who: STEP_TAKERS.FIRST },
    ],
    button: { text: "初审通过", style: "primary" },
    done: "已通过初审，可以上版",
    keepsLock: false,
    leavesQueue: true,
    tells: { who: "author", kind: "APPROVED", message: (actor, title) => `${actor}通过了${title}` },
    review: { decision: "PASS", step: "FIRST" },
  },
  // 复审 and 终审 read copy that may already be on a page (pages are planned early); a page is
  // signed only once every story on it has passed 终审 (lib/issues/commands.ts).
  secondReview: {
    label: "复审",
    revision: "复审通过",
    rules: [{ from: ["APPROVED", "PLACED"], to: "same", who: STEP_TAKERS.SECOND }],
    button: { text: "复审通过", style: "primary" },
    done: "已通过复审",
    keepsLock: false,
    leavesQueue: true,
    review: { decision: "PASS", step: "SECOND" },
  },
  finalReview: {
    label: "终审",
    revision: "终审通过",
    rules: [{ from: ["APPROVED", "PLACED"], to: "same", who: STEP_TAKERS.FINAL }],
    button: { text: "终审通过", style: "primary" },
    done: "已通过终审",
    keepsLock: false,
    leavesQueue: true,
    review: { decision: "PASS", step: "FINAL" },
  },
  // 退改 to an earlier step: the copy stays where it is and that step reads it again. (To the
  // author it is `return`; the form's one 退回修改 button asks where to.)
  sendBack: {
    label: "退改",
    revision: "退改",
    rules: [{ from: ["APPROVED", "PLACED"], to: "same", who: DESK }],
    done: "已退回前一审",
    keepsLock: false,
    leavesQueue: true,
    review: { decision: "SEND_BACK", toEarlierStep: true },
  },
  return: {
    label: "退回",
    logged: "退回稿件",
    rules: [{ from: ["SUBMITTED", "IN_EDIT", "APPROVED"], to: "RETURNED", who: DESK }],
    button: { text: "退回修改", style: "plain", alsoWhen: "sendBack" },
    done: "已退回给作者",
    keepsLock: false,
    leavesQueue: true,
    tells: { who: "author", kind: "RETURNED", message: (actor, title, note) => `${actor}退回了${title}：${note}` },
    review: { decision: "SEND_BACK" },
  },
  release: {
    label: "放回待审",
    rules: [{ from: ["IN_EDIT"], to: "SUBMITTED", who: DESK }],
    // Shown on submitted copy too: opening it to edit claims it, and this gives it back.
    button: { text: "放回待审", style: "plain", alsoWhen: "claim" },
    done: "已放回待审",
    keepsLock: false,
    leavesQueue: true,
  },
  spike: {
    label: "弃用",
    logged: "弃用稿件",
    rules: [{ from: ["SUBMITTED", "IN_EDIT", "APPROVED"], to: "SPIKED", who: DESK }],
    button: { text: "弃用", style: "danger" },
    done: "已弃用",
    keepsLock: false,
    leavesQueue: true,
    // 退稿: the chain starts over should the copy ever be restored; the author reads why.
    review: { decision: "REJECT" },
    tells: { who: "author", kind: "RETURNED", message: (actor, title, note) => `${actor}退稿：${title}：${note}` },
  },
  restore: {
    label: "恢复",
    rules: [{ from: ["SPIKED"], to: "SUBMITTED", who: DESK }],
    // Spiked copy is read-only, so its one button shows while reading.
    button: { text: "恢复待审", style: "plain", whileReading: true },
    revision: "恢复待审",
    done: "已恢复到待审",
    keepsLock: false,
    leavesQueue: false,
  },
  // Placing is the page desk's (lib/issues): the board, not the story form.
  place: { label: "上版", rules: [{ from: ["APPROVED"], to: "PLACED", who: DESK }], keepsLock: true, leavesQueue: false },
  unplace: { label: "撤下版面", rules: [{ from: ["PLACED"], to: "APPROVED", who: DESK }], keepsLock: true, leavesQueue: false },
  // Publication happens to a whole issue; the chief editor on duty signs it off.
  publish: { label: "签发见报", logged: "稿件见报", rules: [{ from: ["PLACED"], to: "PUBLISHED", who: ["CHIEF_EDITOR"] }], keepsLock: false, leavesQueue: false },
  // After publication the copy stays as printed: a correction is added under it, or the chief
  // editor withdraws the story (its reader page then answers 410 Gone).
  correct: { label: "更正", logged: "发布更正", rules: [{ from: ["PUBLISHED"], to: "same", who: DESK }], keepsLock: false, leavesQueue: false },
  withdraw: { label: "撤稿", rules: [{ from: ["PUBLISHED"], to: "WITHDRAWN", who: ["CHIEF_EDITOR"] }], keepsLock: false, leavesQueue: false },
} satisfies Record<string, ActionRow>;

export type StoryAction = keyof typeof STORY_ACTIONS;

// Each step is recorded in the audit log as story.<step> (lib/core/audit-actions.ts), named there as the history names it.
declare module "@/lib/core/audit-actions" {
  interface AuditActionsFromAbove extends Record<`story.${StoryAction}`, true> {}
}
const ROWS: Record<StoryAction, ActionRow> = STORY_ACTIONS;
export const STORY_ACTION_NAMES = Object.keys(STORY_ACTIONS) as StoryAction[];

/** The row of an action, for what the app says and does about it. */
export function actionRow(action: StoryAction): ActionRow {
  return ROWS[action];
}

/** The action that passes a step of the review chain. */
export function passActionOf(step: ReviewStep): StoryAction {
  return STORY_ACTION_NAMES.find((a) => ROWS[a].review?.decision === "PASS" && ROWS[a].review?.step === step)!;
}

/** An action that is a button on the story form (its row has one). */
export type FormStoryAction = { [A in StoryAction]: (typeof STORY_ACTIONS)[A] extends { button: object } ? A : never }[StoryAction];

/** How the audit log names a step of the workflow. */
export function loggedLabel(action: StoryAction): string {
  return ROWS[action].logged ?? revisionLabel(action);
}

/** How the history names a revision: by the action that made it, or as one of the saves outside the workflow. */
export function revisionLabel(action: string): string {
  const row = (ROWS as Record<string, ActionRow | undefined>)[action];
  return row ? (row.revision ?? row.label) : (OTHER_REVISIONS[action] ?? action);
}

// Revisions no workflow action makes: a new story, a restored version, the text kept when an editor
// took over the lock, copy brought in by the import desk, and a proofreader's mark applied.
const OTHER_REVISIONS: Record<string, string> = { create: "新建", revert: "恢复历史版本", takeover: "被接管时的内容", import: "版面导入", proofFix: "按校对标记改正" };

/** The actions that are buttons on the story form, in the table's order. */
export const FORM_ACTIONS = STORY_ACTION_NAMES.filter((a): a is FormStoryAction => !!ROWS[a].button);

/** Who hears of a move, and what they read; a resubmission is said as such. */
export function tidingsOf(action: StoryAction, resubmission: boolean): Tells | undefined {
  const tells = ROWS[action].tells;
  if (tells?.kind === "SUBMITTED" && resubmission) return { ...tells, kind: "RESUBMITTED", message: (actor, title) => `${actor}重新提交了${title}` };
  return tells;
}

export type Actor = { id: string; role: Role };
/** A story as the table judges it; its review chain is needed for the steps that write a 审稿单. */
export type StoryRef = { status: StoryStatus; authorId: string; review?: ReviewState };

export type Decision = { allowed: true; to: StoryStatus } | { allowed: false; reason: string };

export function decide(action: StoryAction, story: StoryRef, actor: Actor): Decision {
  const moved = decideMove(action, story, actor);
  const review = ROWS[action].review;
  if (!moved.allowed || !review) return moved;
  // No step of the chain is judged without the chain: a caller that did not read it is refused.
  if (!story.review) return { allowed: false, reason: `读不到这篇稿件的审稿记录，不能${ROWS[action].label}` };
  const verdict = decideReview(review.decision, review.step ?? null, story.review, actor);
  if (!verdict.allowed) return verdict;
  if (review.toEarlierStep && sendBackTargets(story.review).length === 0) return { allowed: false, reason: "没有已通过的前一审可以退回" };
  return moved;
}

/** The table's part of a decision: from this state, by this person, to which state. */
function decideMove(action: StoryAction, story: StoryRef, actor: Actor): Decision {
  const rules = ROWS[action].rules;
  const fromState = rules.filter((r) => r.from.includes(story.status));
  if (fromState.length === 0) {
    return { allowed: false, reason: `稿件状态为“${STATUS_LABELS[story.status]}”，不能${ROWS[action].label}` };
  }
  const isAuthor = story.authorId === actor.id;
  const rule = fromState.find((r) => r.who.includes(actor.role) || (isAuthor && r.who.includes("author")));
  if (!rule) {
    return { allowed: false, reason: `你没有权限${ROWS[action].label}这篇“${STATUS_LABELS[story.status]}”的稿件` };
  }
  return { allowed: true, to: rule.to === "same" ? story.status : rule.to };
}

/**
 * The state a new story reaches when its filer takes `steps` at once, each asked of the table in
 * turn: filing straight to the desk is a draft's submission; a back issue's page is submitted,
 * approved, placed and published by the chief editor who imports it. (Its review chain ran in
 * print long ago, outside this system: only the table is asked, and no 审稿单 is written.)
 */
export function decideSteps(steps: readonly StoryAction[], actor: Actor): Decision {
  let story: StoryRef = { status: "DRAFT", authorId: actor.id };
  for (const step of steps) {
    const decision = decideMove(step, story, actor);
    if (!decision.allowed) return decision;
    story = { ...story, status: decision.to };
  }
  return { allowed: true, to: story.status };
}

export function allowedActions(story: StoryRef, actor: Actor): StoryAction[] {
  return STORY_ACTION_NAMES.filter((a) => decide(a, story, actor).allowed);
}

