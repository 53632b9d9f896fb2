import { ROLE_LABELS, type Role } from "@/lib/core/roles";
import type { ReviewDecision as StoredDecision, ReviewStep as StoredStep } from "@/lib/generated/prisma/enums";
import type { ListsEvery } from "@/lib/core/stored-enums";

// The review chain (三审): every story is read whole by 初审, 复审 and 终审 (a small paper runs 初审
// and 终审), each step by a different person, none of them its writer or anyone credited on it.
// Pure: the server (lib/stories/reviews.ts) decides with it, the story form shows what it allows.
// Where a story stands is the last step it passed since the chain last started over (`reviewedTo`).

export const REVIEW_STEPS = ["FIRST", "SECOND", "FINAL"] as const satisfies readonly StoredStep[];
export type ReviewStep = (typeof REVIEW_STEPS)[number];
true satisfies ListsEvery<StoredStep, ReviewStep>;

export const REVIEW_DECISIONS = ["PASS", "SEND_BACK", "REJECT"] as const satisfies readonly StoredDecision[];
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
true satisfies ListsEvery<StoredDecision, ReviewDecision>;

export const STEP_LABELS: Record<ReviewStep, string> = { FIRST: "初审", SECOND: "复审", FINAL: "终审" };
export const DECISION_LABELS: Record<ReviewDecision, string> = { PASS: "通过", SEND_BACK: "退改", REJECT: "退稿" };

/** Who may take each step: 初审 anyone on the desk, 复审 a 部门主任 or the 值班总编, 终审 the 值班总编. */
export const STEP_TAKERS: Record<ReviewStep, readonly Role[]> = {
  FIRST: ["EDITOR", "DESK_HEAD", "CHIEF_EDITOR"],
  SECOND: ["DESK_HEAD", "CHIEF_EDITOR"],
  FINAL: ["CHIEF_EDITOR"],
};

/** The chains a paper may run: never fewer than two steps, and always ending in 终审. */
export const REVIEW_CHAINS = { three: ["FIRST", "SECOND", "FINAL"], two: ["FIRST", "FINAL"] } as const satisfies Record<string, readonly ReviewStep[]>;
export type ReviewChainName = keyof typeof REVIEW_CHAINS;
export const CHAIN_LABELS: Record<ReviewChainName, string> = { three: "三审（初审、复审、终审）", two: "两审（初审、终审）" };
export const DEFAULT_CHAIN: readonly ReviewStep[] = REVIEW_CHAINS.three;

/** The name of a stored chain; anything else stored is read as the default 三审. */
export function chainName(steps: readonly ReviewStep[]): ReviewChainName {
  return steps.join() === REVIEW_CHAINS.two.join() ? "two" : "three";
}

const order = (step: ReviewStep) => REVIEW_STEPS.indexOf(step);

/** The step due next on the paper's chain, or null once the chain's last step (终审) has passed. */
export function dueStep(chain: readonly ReviewStep[], reviewedTo: ReviewStep | null): ReviewStep | null {
  if (reviewedTo === null) return chain[0];
  return chain.find((s) => order(s) > order(reviewedTo)) ?? null;
}

/** Everything a review decision is judged on. */
export type ReviewState = {
  chain: readonly ReviewStep[];
  reviewedTo: ReviewStep | null;
  /** Who passed each step of the chain as it stands (a step sent back is no longer passed). */
  passedBy: Partial<Record<ReviewStep, { id: string; name: string }>>;
  /** The filing account and the accounts credited on the piece. */
  creditedIds: readonly string[];
};

type SheetLine = { step: ReviewStep; decision: ReviewDecision; backTo: ReviewStep | null; reviewer: { id: string; name: string } };

/** The chain as a story's 审稿单 leave it, read in order: who passed what, and the last step passed. */
export function chainAfter(sheets: readonly SheetLine[]): Pick<ReviewState, "passedBy" | "reviewedTo"> {
  let passedBy: ReviewState["passedBy"] = {};
  let reviewedTo: ReviewStep | null = null;
  for (const sheet of sheets) {
    const next = afterDecision(sheet.step, sheet.decision, sheet.backTo);
    passedBy = Object.fromEntries(Object.entries(passedBy).filter(([step]) => next !== null && order(step as ReviewStep) <= order(next)));
    if (sheet.decision === "PASS") passedBy[sheet.step] = sheet.reviewer;
    reviewedTo = next;
  }
  return { passedBy, reviewedTo };
}

/**
 * Where the chain stands after a decision at `step`: a pass reaches it; 退改 to an earlier step
 * reopens that step (and every one after it); 退改 to the author and 退稿 start the chain over.
 */
export function afterDecision(step: ReviewStep, decision: ReviewDecision, backTo: ReviewStep | null): ReviewStep | null {
  if (decision === "PASS") return step;
  if (decision === "SEND_BACK" && backTo) return REVIEW_STEPS.filter((s) => order(s) < order(backTo)).at(-1) ?? null;
  return null;
}

/** The step a decision is taken at: the one due, or once 终审 has passed, 终审 again (it may still send copy back). */
export function decidingStep(state: Pick<ReviewState, "chain" | "reviewedTo">): ReviewStep {
  return dueStep(state.chain, state.reviewedTo) ?? state.chain[state.chain.length - 1];
}

/** The earlier steps a reviewer may send copy back to: those passed before the one deciding. */
export function sendBackTargets(state: ReviewState): ReviewStep[] {
  const at = decidingStep(state);
  return state.chain.filter((s) => order(s) < order(at) && state.passedBy[s]);
}

export type ReviewVerdict = { allowed: true; step: ReviewStep } | { allowed: false; reason: string };

/**
 * May this person take this decision now? A pass must be of the step due; 退改 and 退稿 are taken at
 * the deciding step. Either way the person must be one who may take that step, not its writer or
 * credited on it, and not someone who already took another step of the chain.
 */
export function decideReview(decision: ReviewDecision, passing: ReviewStep | null, state: ReviewState, actor: { id: string; role: Role }): ReviewVerdict {
  const due = dueStep(state.chain, state.reviewedTo);
  const step = decision === "PASS" ? passing : decidingStep(state);
  if (!step) return { allowed: false, reason: "请选择审稿环节" };
  if (decision === "PASS" && step !== due) {
    const passed = state.passedBy[step];
    if (passed) return { allowed: false, reason: `这篇稿件的${STEP_LABELS[step]}已由${passed.name}通过` };
    if (!state.chain.includes(step)) return { allowed: false, reason: `本报审稿流程没有${STEP_LABELS[step]}` };
    return { allowed: false, reason: due ? `这篇稿件正待${STEP_LABELS[due]}，还不能${STEP_LABELS[step]}` : "这篇稿件已经终审通过" };
  }
  if (!STEP_TAKERS[step].includes(actor.role)) {
    return { allowed: false, reason: `${STEP_LABELS[step]}须由${STEP_TAKERS[step].map((r) => ROLE_LABELS[r]).join("或")}承担` };
  }
  if (state.creditedIds.includes(actor.id)) return { allowed: false, reason: "你是这篇稿件的作者或署名者，不能审读自己的稿件" };
  const other = state.chain.find((s) => s !== step && state.passedBy[s]?.id === actor.id);
  if (other) return { allowed: false, reason: `你已承担这篇稿件的${STEP_LABELS[other]}，三审须由不同的人承担` };
  return { allowed: true, step };
}


/** The places in the chain from which `step` is the one due: what its queue holds. */
export function waitingFor(chain: readonly ReviewStep[], step: ReviewStep): (ReviewStep | null)[] {
  return [null, ...REVIEW_STEPS].filter((passed) => dueStep(chain, passed) === step);
}

/** The step a person's queue opens on: the latest their role may take. */
export function ownStep(chain: readonly ReviewStep[], role: Role): ReviewStep {
  return [...chain].reverse().find((s) => STEP_TAKERS[s].includes(role)) ?? chain[0];
}
