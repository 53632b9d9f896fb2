import "server-only";
import { recordAfterPrint } from "@/lib/print-record/records";
import { db, type Tx } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { recordAudit } from "@/lib/core/audit";
import { conflict, forbidden, invalid, notFound } from "@/lib/core/errors";
import { completenessErrors, contentOf, fieldErrorsOf, type StoryDraft, type StoryHead } from "@/lib/stories/schema";
import { storyAccess } from "@/lib/stories/access";
import { actionRow, decide, decideSteps, tidingsOf, type StoryAction, type StoryStatus } from "@/lib/stories/workflow";
import { assertNotLockedByOther } from "@/lib/stories/locks";
import { deskUserIds, notify } from "@/lib/inbox/notify";
import { creditsOf, draftOfStored, parseDraft, resolveTags, storyColumns, storyContentSelect } from "@/lib/stories/content";
import { writeCredits } from "@/lib/contributors/credits";
import { linkStoryPhotos } from "@/lib/photos/links";
import { takeWordsFromStory } from "@/lib/photos/mutations";
import { recordRevision } from "@/lib/stories/revisions";
import { parseStoredBody } from "@/lib/stories/body";
import { z } from "zod";
import { assertSlotOpenFor, fillSlot, storyChangedOnPage } from "@/lib/issues/commands";
import { lockIssueOfStory } from "@/lib/issues/desk-rules";
import { RECORD_ID } from "@/lib/core/ids";
import { purgeNow, sendReaderPurge, storyChangePurge } from "@/lib/reader/purge";
import { typedText } from "@/lib/validation/text";
import { applyOnce } from "@/lib/stories/request-keys";
import { afterDecision, decidingStep, sendBackTargets, STEP_LABELS, DECISION_LABELS, type ReviewStep } from "@/lib/stories/review-chain";
import { creditedUserIds, reviewSheets, reviewStateOf, writeReviewSheet } from "@/lib/stories/reviews";

// The desk's commands on a story: filing, saving, each step of the workflow, notes, restoring a
// revision, corrections and withdrawals. They sit above the domains because one change touches
// several: approving fills the planned slot it was filed for (issues), a body's photos are linked
// (photos), the reader's caches are purged (reader) and what ran is recorded (print-record). The
// story's own rules (its schema, the workflow table, access, locks) stay in lib/stories/ and know
// nothing of these.

export type SavedStory = { id: string; version: number; status: StoryStatus };

function requireComplete(draft: StoryDraft) {
  const errors = completenessErrors(draft);
  if (Object.keys(errors).length > 0) throw invalid("稿件还不完整，请按提示补充后再提交", errors);
}

/**
 * Files a new story as a draft, or straight into the desk's queue when `submit` is set. `slotId`
 * files it against a planned slot (计划稿) assigned to the author. `requestKey` makes a retry of the
 * same filing answer with the story already filed (lib/stories/request-keys.ts).
 */
export async function createStory(
  actor: SessionUser,
  input: unknown,
  { submit = false, slotId, requestKey }: { submit?: boolean; slotId?: string; requestKey?: string } = {},
): Promise<SavedStory> {
  if (!can(actor.role, "story:file")) throw forbidden("你的账号不能撰写稿件");
  const draft = parseDraft(input);
  if (submit) requireComplete(draft);
  const asked = { what: "story.create", input, submit, slotId: slotId ?? null };
  const filed = decideSteps(submit ? ["submit"] : [], actor);
  if (!filed.allowed) throw forbidden(filed.reason);
  return db().$transaction((tx) => applyOnce(tx, actor, { key: requestKey, asked }, async () => {
    if (slotId) await assertSlotOpenFor(tx, actor, slotId);
    const tags = await resolveTags(tx, draft.tags);
    const now = new Date();
    const story = await tx.story.create({
      data: {
        ...storyColumns(draft),
        authorId: actor.id,
        tags: { connect: tags },
        ...(slotId ? { filedForId: slotId } : {}),
        // Filed straight to the desk, or kept open (locked) by its author for more writing.
        status: filed.to,
        ...(submit ? { submittedAt: now, reviewMovedAt: now } : { lockedById: actor.id, lockedAt: now, lockRenewedAt: now }),
      },
      select: { id: true, version: true, status: true },
    });
    await linkStoryPhotos(tx, actor, story.id, draft.body);
    await takeWordsFromStory(tx, actor, [], draft.body);
    await writeCredits(tx, story.id, actor.id, draft);
    await recordRevision(tx, { storyId: story.id, version: story.version, status: story.status, action: submit ? "submit" : "create", actorId: actor.id, draft });
    await recordAudit(tx, {
      actorId: actor.id,
      action: submit ? "story.create_and_submit" : "story.create",
      targetType: "story",
      targetId: story.id,
      summary: { headline: draft.headline, kind: draft.kind, status: story.status },
    });
    if (submit) await tellPeople(tx, actor, "submit", { id: story.id, authorId: actor.id, headline: draft.headline, resubmission: false }, "");
    return story;
  }));
}

const transitionInput = z.object({
  storyId: z.string().regex(RECORD_ID, { message: "找不到这篇稿件" }),
  baseVersion: z.coerce.number().int().min(1),
  note: typedText({ max: 2000, what: "意见", multiline: true }).default(""),
});

type TransitionOptions = {
  action: Exclude<StoryAction, "place" | "unplace" | "publish" | "correct" | "withdraw" | "note">;
  storyId: string;
  baseVersion: number;
  /** New content saved together with the action (the editor's form), if any. */
  content?: unknown;
  note?: string;
  /** An autosave keeps the copy safe but is not a revision worth listing in the history. */
  autosave?: boolean;
  /** How the history names this revision when it is not the action itself (a revert, a proofreader's mark applied). */
  revisionAction?: "revert" | "proofFix";
  /** More of the same change, in its transaction: checks before the story is touched, and what follows its save (a mark's answer). */
  inTransaction?: { first?: (tx: Tx) => Promise<void>; then?: (tx: Tx) => Promise<void> };
  /** The browser's key for this request: a retry after a lost answer gets the first answer. */
  requestKey?: string;
  /** 退改 to an earlier step of the review chain: which one. */
  backTo?: ReviewStep;
};

// Actions that hand the story to someone else end the actor's edit lock.

const changeSelect = {
  id: true,
  status: true,
  authorId: true,
  version: true,
  submittedAt: true,
  ...storyContentSelect,
  lockedById: true,
  lockedAt: true,
  lockRenewedAt: true,
  lockedBy: { select: { name: true } },
  filedForId: true,
  reviewedTo: true,
} as const;

/**
 * The one way a story changes in the back office: saves its content and/or moves it through the
 * workflow, in one transaction, only if the workflow table allows it, nobody else holds its edit
 * lock, and nobody saved in between.
 */
export async function changeStory(actor: SessionUser, options: TransitionOptions): Promise<SavedStory> {
  const parsed = transitionInput.safeParse(options);
  if (!parsed.success) throw invalid("请求有误", fieldErrorsOf(parsed.error));
  const { storyId, baseVersion, note } = parsed.data;
  const { action } = options;
  const draft = options.content === undefined ? undefined : parseDraft(options.content);
  if (action === "return" && !note) throw invalid("退回稿件时请写明修改意见", { note: ["请写明退回原因或修改意见"] });
  if ((action === "sendBack" || action === "spike") && !note) throw invalid(`${action === "spike" ? "退稿" : "退改"}时请写明审稿意见`, { note: ["请写明审稿意见"] });
  const reviews = actionRow(action).review;

  const { requestKey, ...asked } = options;
  return db().$transaction((tx) => applyOnce(tx, actor, { key: requestKey, asked: { what: "story.change", ...asked } }, async (): Promise<SavedStory> => {
    // Copy on a page changes only with its issue locked, so a release never publishes an edit
    // made between its checks and its publishing (it locks the same row first).
    await lockIssueOfStory(tx, storyId);
    await options.inTransaction?.first?.(tx);
    const story = await tx.story.findUnique({ where: { id: storyId }, select: changeSelect });
    // A story the actor may not even see is reported as missing, not as forbidden.
    if (!story || !storyAccess.may(actor, story)) throw notFound();
    if (draft) {
      const canEdit = decide("edit", story, actor);
      if (!canEdit.allowed) throw forbidden(canEdit.reason);
    }
    const review = reviews ? await reviewStateOf(tx, story) : undefined;
    // Copy changed after its 终审 was not read by it: 终审 reads it again (a proofreader's mark
    // applied as marked is the one change that does not ask for it).
    const reopensFinal = !reviews && story.reviewedTo === "FINAL" && options.revisionAction !== "proofFix" && !!draft && changesContent(story, draft);
    const decision = decide(action, { ...story, review }, actor);
    if (!decision.allowed) throw forbidden(decision.reason);
    if (review && action === "sendBack" && !(options.backTo && sendBackTargets(review).includes(options.backTo))) {
      throw invalid("请选择退回到哪一审", { backTo: ["只能退回到已经通过的前一审"] });
    }
    assertNotLockedByOther(story, actor);
    // A reviewer's decision is on the version they read: never on copy changed since.
    if (story.version !== baseVersion) throw review ? changedSinceOpened(baseVersion, story.version) : staleVersion();

    // What the story will hold after this change, checked for completeness when it moves forward.
    const content: StoryDraft = draft ?? currentDraft(story);
    if (action === "submit" || action === "approve") requireComplete(content);

    const now = new Date();
    const keepsLock = actionRow(action).keepsLock;
    const updated = await tx.story.updateMany({
      where: { id: storyId, version: baseVersion },
      data: {
        ...(draft ? storyColumns(draft) : {}),
        status: decision.to,
        version: { increment: 1 },
        ...(action === "submit" ? { submittedAt: now } : {}),
        // A story's wait in the review queues starts when it reaches the desk (again).
        ...(action === "submit" || action === "restore" ? { reviewMovedAt: now } : {}),
        ...(action === "approve" ? { approvedAt: now } : {}),
        // Spiked copy no longer answers a planned slot: the slot is free for another story.
        ...(action === "spike" ? { filedForId: null } : {}),
        ...(keepsLock
          ? { lockedById: actor.id, lockRenewedAt: now, ...(story.lockedById === actor.id ? {} : { lockedAt: now }) }
          : { lockedById: null, lockedAt: null, lockRenewedAt: null }),
      },
    });
    if (updated.count !== 1) throw review ? await decidedMeanwhile(tx, storyId, baseVersion) : staleVersion();
    const version = baseVersion + 1;
    if (review && reviews) {
      const step = reviews.step ?? decidingStep(review);
      const backTo = action === "sendBack" ? (options.backTo ?? null) : null;
      await writeReviewSheet(tx, { storyId, step, decision: reviews.decision, backTo, opinion: note, version, reviewerId: actor.id, reviewedTo: afterDecision(step, reviews.decision, backTo) });
    }
    if (reopensFinal) {
      await writeReviewSheet(tx, { storyId, step: "FINAL", decision: "SEND_BACK", backTo: "FINAL", opinion: "终审后稿件有改动，须重新终审", version, reviewerId: actor.id, reviewedTo: afterDecision("FINAL", "SEND_BACK", "FINAL") });
    }
    if (draft) {
      const tags = await resolveTags(tx, draft.tags);
      await tx.story.update({ where: { id: storyId }, data: { tags: { set: tags } } });
      await linkStoryPhotos(tx, actor, storyId, draft.body);
      await takeWordsFromStory(tx, actor, parseStoredBody(story.body), draft.body);
      await writeCredits(tx, storyId, story.authorId, draft);
      // A reviewer who credits themselves in the same request is judged on the credits it saved.
      if (review && (await creditedUserIds(tx, storyId)).includes(actor.id)) throw forbidden("你是这篇稿件的作者或署名者，不能审读自己的稿件");
    }
    // A review opinion stays on its 审稿单 for the desk; one sent back to the author, or the reason
    // their copy was rejected, is theirs to read too.
    if (note && (action === "return" || action === "spike" || !reviews)) {
      await tx.storyNote.create({ data: { storyId, authorId: actor.id, kind: action === "return" ? "RETURN" : "COMMENT", body: action === "spike" ? `退稿：${note}` : note } });
    }
    if (!options.autosave) {
      await recordRevision(tx, { storyId, version, status: decision.to, action: options.revisionAction ?? action, actorId: actor.id, draft: content });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: `story.${options.autosave ? "autosave" : (options.revisionAction ?? action)}`,
      targetType: "story",
      targetId: storyId,
      summary: { from: story.status, to: decision.to, version, ...(note ? { note } : {}), ...(draft ? { headline: draft.headline } : {}), ...(options.backTo && action === "sendBack" ? { backTo: STEP_LABELS[options.backTo] } : {}) },
    });
    await tellPeople(tx, actor, action, { id: storyId, authorId: story.authorId, headline: content.headline, resubmission: story.submittedAt !== null }, note);
    // The desk changed copy already on a page: a signed page goes back to 待签.
    // So does copy on a page sent back down the review chain: it has lost its 终审.
    if (story.status === "PLACED" && draft) await storyChangedOnPage(tx, actor, storyId);
    else if (story.status === "PLACED" && reviews?.decision === "SEND_BACK") await storyChangedOnPage(tx, actor, storyId, "退回重审");
    await options.inTransaction?.then?.(tx);
    // Copy written for a planned slot takes the slot's place on the page once approved.
    if (action === "approve" && decision.to === "APPROVED" && story.status !== "APPROVED" && story.filedForId) {
      const placed = await fillSlot(tx, actor, { id: storyId, status: decision.to, authorId: story.authorId, version, headline: content.headline }, story.filedForId);
      if (placed) return { id: storyId, version: version + 1, status: "PLACED" };
    }
    return { id: storyId, version, status: decision.to };
  }));
}

/** The inbox entries a workflow move sends: the desk hears of submissions, the author of decisions. */
async function tellPeople(
  tx: Tx,
  actor: SessionUser,
  action: StoryAction,
  story: { id: string; authorId: string; headline: string; resubmission: boolean },
  note: string,
) {
  const tidings = tidingsOf(action, story.resubmission);
  if (!tidings) return;
  await notify(tx, {
    recipientIds: tidings.who === "desk" ? await deskUserIds(tx) : [story.authorId],
    actorId: actor.id,
    storyId: story.id,
    kind: tidings.kind,
    message: tidings.message(actor.name, `《${story.headline || "无标题稿件"}》`, note),
  });
}

/**
 * Adds a note to the story's thread; the author hears from the desk, and the desk from the author.
 * `requestKey` makes a retry of the same note answer with the note already added, not a second one.
 */
export async function addNote(actor: SessionUser, storyId: string, body: string, requestKey?: string): Promise<{ noteId: string }> {
  const text = typedText({ max: 2000, what: "留言", min: 1, minMessage: "请写下留言内容", multiline: true }).safeParse(body);
  if (!text.success) throw invalid(text.error.issues[0].message, { note: [text.error.issues[0].message] });
  const asked = { what: "story.note", storyId, body };
  return db().$transaction((tx) => applyOnce(tx, actor, { key: requestKey, asked }, async () => {
    const story = await tx.story.findUnique({ where: { id: storyId }, select: { id: true, status: true, authorId: true, headline: true, lockedById: true, notes: { select: { authorId: true } } } });
    if (!story || !storyAccess.may(actor, story)) throw notFound();
    const decision = decide("note", story, actor);
    if (!decision.allowed) throw forbidden(decision.reason);
    const note = await tx.storyNote.create({ data: { storyId, authorId: actor.id, body: text.data }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.id, action: "story.note", targetType: "story", targetId: storyId, summary: { noteId: note.id } });
    const deskInThread = story.notes.map((n) => n.authorId).filter((id) => id !== story.authorId);
    const recipients = actor.id === story.authorId ? [...deskInThread, ...(story.lockedById ? [story.lockedById] : [])] : [story.authorId];
    await notify(tx, { recipientIds: recipients, actorId: actor.id, storyId, kind: "NOTED", message: `${actor.name}在《${story.headline || "无标题稿件"}》留言：${text.data.slice(0, 60)}` });
    return { noteId: note.id };
  }));
}

/** Brings back an earlier revision's content as a new revision; the history keeps both. */
export async function restoreRevision(actor: SessionUser, storyId: string, revisionId: string, baseVersion: number): Promise<SavedStory> {
  const revision = await db().storyRevision.findFirst({ where: { id: revisionId, storyId }, select: { content: true, version: true } });
  const visible = await db().story.findFirst({ where: { id: storyId }, select: { status: true, authorId: true } });
  if (!revision || !visible || !storyAccess.may(actor, visible)) throw notFound("找不到这个历史版本");
  return changeStory(actor, { action: "edit", storyId, baseVersion, content: revision.content, revisionAction: "revert" });
}

const afterPublication = z.object({
  text: typedText({ max: 500, what: "说明", min: 4, minMessage: "请写明更正或撤稿的内容（至少 4 个字）", multiline: true }),
});

/** Adds a dated correction under a published story; readers see it at once. */
export async function correctStory(actor: SessionUser, storyId: string, baseVersion: number, text: string): Promise<SavedStory> {
  return afterPublicationChange(actor, storyId, baseVersion, text, "correct");
}

/** Takes a published story off the e-paper: its reader page answers 410 Gone with a short notice. */
export async function withdrawStory(actor: SessionUser, storyId: string, baseVersion: number, reason: string): Promise<SavedStory> {
  return afterPublicationChange(actor, storyId, baseVersion, reason, "withdraw");
}

async function afterPublicationChange(actor: SessionUser, storyId: string, baseVersion: number, text: string, action: "correct" | "withdraw"): Promise<SavedStory> {
  const parsed = afterPublication.safeParse({ text });
  if (!parsed.success) throw invalid(parsed.error.issues[0].message, { note: [parsed.error.issues[0].message] });
  const { saved, purge } = await db().$transaction(async (tx) => {
    const story = await tx.story.findUnique({ where: { id: storyId }, select: changeSelect });
    if (!story || !storyAccess.may(actor, story)) throw notFound();
    const decision = decide(action, story, actor);
    if (!decision.allowed) throw forbidden(decision.reason);
    const moved = await tx.story.updateMany({ where: { id: storyId, version: baseVersion }, data: { status: decision.to, version: { increment: 1 } } });
    if (moved.count !== 1) throw staleVersion();
    if (action === "correct") await tx.correction.create({ data: { storyId, body: parsed.data.text } });
    // A withdrawn story still ran: its photos stay 已刊用 (lib/print-record/in-print.ts).
    else await tx.storyNote.create({ data: { storyId, authorId: actor.id, body: `撤稿：${parsed.data.text}` } });
    await recordAfterPrint(tx, storyId, action === "correct" ? "CORRECTED" : "WITHDRAWN");
    const version = baseVersion + 1;
    await recordRevision(tx, { storyId, version, status: decision.to, action, actorId: actor.id, draft: currentDraft(story) });
    await recordAudit(tx, { actorId: actor.id, action: `story.${action}`, targetType: "story", targetId: storyId, summary: { from: story.status, to: decision.to, text: parsed.data.text } });
    const title = `《${story.headline || "无标题稿件"}》`;
    await notify(tx, {
      recipientIds: [story.authorId],
      actorId: actor.id,
      storyId,
      kind: action === "correct" ? "CORRECTED" : "WITHDRAWN",
      message: `${actor.name}${action === "correct" ? "为" : "撤下了"}${title}${action === "correct" ? "发布了更正" : ""}：${parsed.data.text}`,
    });
    // Readers' pages that show the story are purged by a job committed with the change.
    const purge = await sendReaderPurge(tx, await storyChangePurge(tx, storyId, action));
    return { saved: { id: storyId, version, status: decision.to }, purge };
  });
  await purgeNow(purge);
  return saved;
}

function changedSinceOpened(read: number, now: number) {
  return conflict(`你打开的是第 ${read} 版，稿件已更新到第 ${now} 版（内容或版面有变动）：请刷新后再审。`);
}

/** Two reviewers decided at once: the one who lost hears who decided first (a sheet written since they read it). */
async function decidedMeanwhile(tx: Tx, storyId: string, read: number) {
  const last = (await reviewSheets(tx, storyId)).at(-1);
  return last && last.version > read
    ? conflict(`${last.reviewer.name}刚刚作出了${STEP_LABELS[last.step]}${DECISION_LABELS[last.decision]}的决定：请刷新后查看。`)
    : changedSinceOpened(read, read + 1);
}

/** Whether a save changes what the story says (the form sends its content with every button). */
function changesContent(story: StoryRow, draft: StoryDraft): boolean {
  return JSON.stringify(contentOf(currentDraft(story))) !== JSON.stringify(contentOf(draft));
}

function staleVersion() {
  return conflict("这篇稿件已有更新的保存版本。你的内容没有保存，也没有覆盖那个版本：请对照两边的内容再继续。");
}

type StoryRow = StoryHead & {
  kind: StoryDraft["kind"];
  body: unknown;
  tags: { name: string; kind: "PLACE" | "TOPIC" }[];
  bylineEdited: boolean;
  contributors: Parameters<typeof creditsOf>[0]["contributors"];
};

function currentDraft(story: StoryRow): StoryDraft {
  return draftOfStored(story);
}
