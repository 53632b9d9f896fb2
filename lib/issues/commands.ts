import "server-only";
import { db, isUniqueViolation, type Tx } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/core/session";
import { can, rolesWith } from "@/lib/core/roles";
import { recordAudit } from "@/lib/core/audit";
import { conflict, forbidden, invalid, notFound } from "@/lib/core/errors";
import { isRecordId } from "@/lib/core/ids";
import { beijingDateTimeToDate } from "@/lib/core/dates";
import { lockIssue, lockIssueOfPage, mayAssemble, pageCarriesCopy } from "@/lib/issues/desk-rules";
import { pagesPrinting, storiesPrintedOn } from "@/lib/print-record/in-print";
import { lacksFinalReview } from "@/lib/stories/reviews";
import { signingProblems } from "@/lib/proofing/rounds";
import { decide, type StoryStatus } from "@/lib/stories/workflow";
import { fieldErrorsOf } from "@/lib/stories/schema";
import { chiefEditorIds, notify } from "@/lib/inbox/notify";
import { pageCredits, reservedAreas, slotPlan, SIZE_CLASSES, type SizeClass } from "@/lib/issues/page-plan";
import { pageInput } from "@/lib/validation/issue";
import { SIZE_LABELS } from "@/lib/issues/labels";
import { pageLabel } from "@/lib/format";

// What editors do on the page desk (组版) and what the chief editor does there (签版). Every
// command names the version of each page it changes; a page changed since is refused and the
// board shows it as it is now. Every change to a signed page sends it back to 待签 and tells the
// chief editors; a change to a page of an issue waiting to be released holds the release.

const STALE = "版面刚被他人改动，已显示最新的版面，请再试一次";


/** A page version as a command names it. */
export type PageAt = { pageId: string; version: number };

/** The page as it is now, for callers that did not read it before (the seed, tests, scripts). */
export async function pageAtNow(pageId: string): Promise<PageAt> {
  const page = await db().page.findUnique({ where: { id: pageId }, select: { version: true } });
  if (!page) throw notFound("找不到这一版");
  return { pageId, version: page.version };
}

function checkPageAt(at: PageAt) {
  if (!isRecordId(at.pageId) || !Number.isInteger(at.version)) throw notFound("找不到这一版");
}

/**
 * Moves a page to its next version, refusing a stale one. A signed page goes back to 待签 (its
 * chief editors are told, and it is audited); an issue waiting for its release time is held.
 * `version: null` is for changes made elsewhere (an edit to a story on the page).
 */
export async function touchPage(tx: Tx, actor: SessionUser, pageId: string, version: number | null, what: string): Promise<void> {
  const before = await tx.page.findUnique({ where: { id: pageId }, select: { number: true, status: true, version: true, issue: { select: { id: true, number: true, status: true } } } });
  if (!before) throw notFound("找不到这一版");
  if (version !== null && before.version !== version) throw conflict(STALE);
  const reopened = before.status === "SIGNED";
  const moved = await tx.page.updateMany({
    where: { id: pageId, version: before.version },
    data: { version: { increment: 1 }, ...(reopened ? { status: "AWAITING", signedAt: null, signedById: null } : {}) },
  });
  if (moved.count !== 1) throw conflict(STALE);
  if (reopened) {
    await recordAudit(tx, { actorId: actor.id, action: "page.reopen", targetType: "page", targetId: pageId, summary: { number: before.number, reason: what } });
    await notify(tx, {
      recipientIds: await chiefEditorIds(tx),
      actorId: actor.id,
      pageId,
      kind: "PAGE_REOPENED",
      message: `总第${before.issue.number}期${pageLabel(before.number)}签版后有改动（${what}），已回到待签`,
    });
  }
  await holdScheduledRelease(tx, actor, before.issue, `${pageLabel(before.number)}有改动`);
}

/**
 * A change to an issue waiting for its release time holds the release: what goes out must be what
 * was signed. The chief editors are told and re-sign, then schedule it again.
 */
export async function holdScheduledRelease(tx: Tx, actor: SessionUser, issue: { id: string; number: number }, why: string): Promise<void> {
  const held = await tx.issue.updateMany({ where: { id: issue.id, status: "SCHEDULED" }, data: { status: "PLANNING", publishAt: null } });
  if (held.count === 0) return;
  await recordAudit(tx, { actorId: actor.id, action: "issue.hold", targetType: "issue", targetId: issue.id, summary: { number: issue.number, reason: why } });
  await notify(tx, {
    recipientIds: await chiefEditorIds(tx),
    actorId: actor.id,
    issueId: issue.id,
    kind: "PAGE_REOPENED",
    message: `总第${issue.number}期的定时见报已暂停：${why}，请签版后再安排`,
  });
}

/**
 * Moves every page printing the stories `which` picks (see pagesPrinting: where they are placed and
 * where they continue) to its next version, but those the command has moved already.
 */
async function touchPagesPrinting(tx: Tx, actor: SessionUser, which: Prisma.PlacementWhereInput, what: string, done: string[] = []): Promise<void> {
  const pages = await tx.page.findMany({ where: { AND: [pagesPrinting(which), { id: { notIn: done } }] }, orderBy: { number: "asc" }, select: { id: true } });
  for (const page of pages) await touchPage(tx, actor, page.id, null, what);
}

/**
 * After an edit to a placed story (its issue already locked by the caller): every page it prints on
 * moves to its next version, so a 签版 made on a proof read before the edit is refused, a signed
 * page goes back to 待签, and an issue waiting for its release is held.
 */
export async function storyChangedOnPage(tx: Tx, actor: SessionUser, storyId: string, what = "改动"): Promise<void> {
  const story = await tx.story.findUnique({ where: { id: storyId }, select: { headline: true } });
  if (story) await touchPagesPrinting(tx, actor, { storyId }, what === "改动" ? `改动了《${story.headline || "图片新闻"}》` : `《${story.headline || "图片新闻"}》${what}`);
}

/** A slot its assignee may still file against: planned for them, no story there or on the way. */
export async function assertSlotOpenFor(tx: Tx, actor: SessionUser, slotId: string): Promise<void> {
  if (!isRecordId(slotId)) throw notFound("找不到这条约稿");
  const slot = await tx.placement.findUnique({ where: { id: slotId }, select: { assigneeId: true, storyId: true, filed: { select: { id: true } }, page: { select: { issue: { select: { status: true } } } } } });
  if (!slot || slot.assigneeId !== actor.id) throw notFound("找不到这条约稿");
  if (slot.storyId || slot.filed) throw conflict("这条约稿已经有稿件了");
  if (slot.page.issue.status === "PUBLISHED") throw conflict("这一期已经见报");
}

/**
 * Puts a story approved for its planned slot into the slot's place on the page. Returns false when
 * the slot is gone or filled, or its issue is out: the story then waits among the approved.
 */
export async function fillSlot(tx: Tx, actor: SessionUser, story: { id: string; status: StoryStatus; authorId: string; version: number; headline: string }, slotId: string): Promise<boolean> {
  const where = await tx.placement.findUnique({ where: { id: slotId }, select: { page: { select: { issueId: true } } } });
  if (!where) return false;
  // Lock first, then look: the slot may have been taken off or filled while we waited.
  const issue = await lockIssue(tx, where.page.issueId, { open: false });
  const slot = await tx.placement.findUnique({ where: { id: slotId }, select: { id: true, pageId: true, storyId: true, slotTopic: true, page: { select: { number: true } } } });
  if (!slot || slot.storyId || issue.status === "PUBLISHED") return false;
  const decision = decide("place", story, actor);
  if (!decision.allowed) return false;
  await touchPage(tx, actor, slot.pageId, null, `计划稿“${slot.slotTopic}”到稿`);
  await tx.placement.update({ where: { id: slot.id }, data: { storyId: story.id } });
  await tx.story.update({ where: { id: story.id }, data: { status: decision.to, version: { increment: 1 }, filedForId: null } });
  await recordAudit(tx, { actorId: actor.id, action: "story.place", targetType: "story", targetId: story.id, summary: { from: story.status, to: decision.to, page: slot.page.number, topic: slot.slotTopic } });
  return true;
}

/**
 * Where a jumping story breaks depends on its page and size: when either changes, the page it
 * continues on changes too (its 上接 line and what it carries).
 */
async function touchContinuation(tx: Tx, actor: SessionUser, item: { id: string }, changed: string[], what: string) {
  await touchPagesPrinting(tx, actor, { id: item.id }, what, changed);
}

/** The items of a page in order, the lead first. */
async function itemsOf(tx: Tx, pageId: string) {
  return tx.placement.findMany({ where: { pageId }, orderBy: [{ isLead: "desc" }, { position: "asc" }], select: { id: true, isLead: true } });
}

/** Writes positions 0..n-1 in the given order. */
async function renumber(tx: Tx, ids: string[]) {
  for (const [position, id] of ids.entries()) await tx.placement.update({ where: { id }, data: { position } });
}

/** Where an item may go in a page's order: never above the lead. */
function insertAt(order: { id: string; isLead: boolean }[], id: string, index: number): string[] {
  const ids = order.map((o) => o.id).filter((o) => o !== id);
  const floor = order[0]?.isLead && order[0].id !== id ? 1 : 0;
  ids.splice(Math.min(Math.max(index, floor), ids.length), 0, id);
  return ids;
}

async function placementOn(tx: Tx, placementId: string) {
  if (!isRecordId(placementId)) throw notFound("找不到这条稿件或计划稿");
  const placement = await tx.placement.findUnique({
    where: { id: placementId },
    select: { id: true, pageId: true, isLead: true, size: true, storyId: true, slotTopic: true, continuesOnId: true, story: { select: { id: true, headline: true, status: true, authorId: true, version: true } } },
  });
  if (!placement) throw notFound("找不到这条稿件或计划稿");
  return placement;
}

const itemName = (p: { story: { headline: string } | null; slotTopic: string }) => (p.story ? `《${p.story.headline || "图片新闻"}》` : `计划稿“${p.slotTopic}”`);

/** Runs a change to one item of the page a command names, inside the issue's lock. */
async function changeItem<T>(actor: SessionUser, input: { placementId: string; at: PageAt }, change: (tx: Tx, item: Awaited<ReturnType<typeof placementOn>>, issue: Awaited<ReturnType<typeof lockIssue>>) => Promise<T>): Promise<T> {
  mayAssemble(actor);
  checkPageAt(input.at);
  return db().$transaction(async (tx) => {
    const issue = await lockIssueOfPage(tx, input.at.pageId);
    const item = await placementOn(tx, input.placementId);
    if (item.pageId !== input.at.pageId) throw conflict(STALE);
    return change(tx, item, issue);
  });
}

/** Puts an approved story on a page at a place in its order (the end by default). */
export async function placeOnPage(actor: SessionUser, input: { storyId: string; to: PageAt; index?: number; size?: SizeClass }): Promise<void> {
  mayAssemble(actor);
  checkPageAt(input.to);
  if (!isRecordId(input.storyId)) throw notFound();
  await db().$transaction(async (tx) => {
    const issue = await lockIssueOfPage(tx, input.to.pageId);
    const story = await tx.story.findUnique({ where: { id: input.storyId }, select: { id: true, headline: true, status: true, authorId: true, version: true } });
    if (!story) throw notFound();
    const decision = decide("place", story, actor);
    if (!decision.allowed) throw forbidden(decision.reason);
    await touchPage(tx, actor, input.to.pageId, input.to.version, `上版《${story.headline || "图片新闻"}》`);
    // Placed by hand, a story written for a slot is no longer on its way to it.
    const moved = await tx.story.updateMany({ where: { id: story.id, version: story.version }, data: { status: decision.to, version: { increment: 1 }, filedForId: null } });
    if (moved.count !== 1) throw conflict("稿件刚被他人改动，请刷新后再试");
    const order = await itemsOf(tx, input.to.pageId);
    const created = await tx.placement.create({
      data: { pageId: input.to.pageId, storyId: story.id, position: order.length, isLead: order.length === 0, size: input.size ?? (order.length === 0 ? "LEAD" : "SINGLE") },
      select: { id: true, isLead: true },
    });
    await renumber(tx, insertAt([...order, created], created.id, input.index ?? order.length));
    const page = await tx.page.findUniqueOrThrow({ where: { id: input.to.pageId }, select: { number: true } });
    await recordAudit(tx, { actorId: actor.id, action: "story.place", targetType: "story", targetId: story.id, summary: { from: story.status, to: decision.to, page: page.number, issue: issue.number } });
  });
}

/** Moves an item within its page or to another page of the same issue, to a place in the order. */
export async function moveItem(actor: SessionUser, input: { placementId: string; from: PageAt; to: PageAt; index: number }): Promise<void> {
  mayAssemble(actor);
  checkPageAt(input.from);
  checkPageAt(input.to);
  await db().$transaction(async (tx) => {
    const issue = await lockIssueOfPage(tx, input.from.pageId);
    const item = await placementOn(tx, input.placementId);
    if (item.pageId !== input.from.pageId) throw conflict(STALE);
    const target = await tx.page.findUnique({ where: { id: input.to.pageId }, select: { issueId: true, number: true } });
    if (!target || target.issueId !== issue.id) throw invalid("只能在本期的版面之间移动");
    const samePage = input.from.pageId === input.to.pageId;
    await touchPage(tx, actor, input.from.pageId, input.from.version, `移动${itemName(item)}`);
    if (!samePage) await touchPage(tx, actor, input.to.pageId, input.to.version, `移入${itemName(item)}`);
    if (!samePage) await touchContinuation(tx, actor, item, [input.from.pageId, input.to.pageId], `${itemName(item)}换了版面`);
    if (!samePage) {
      const arriving = await itemsOf(tx, input.to.pageId);
      // The lead of its old page is an ordinary item on the new one, unless that page has none.
      await tx.placement.update({
        where: { id: item.id },
        data: { pageId: input.to.pageId, isLead: arriving.length === 0, ...(item.continuesOnId === input.to.pageId ? { continuesOnId: null } : {}) },
      });
      await renumber(tx, insertAt([...arriving, { id: item.id, isLead: arriving.length === 0 }], item.id, input.index));
      const left = await itemsOf(tx, input.from.pageId);
      if (item.isLead && left.length > 0) await tx.placement.update({ where: { id: left[0].id }, data: { isLead: true } });
      await renumber(tx, left.map((l) => l.id));
    } else {
      await renumber(tx, insertAt(await itemsOf(tx, input.from.pageId), item.id, input.index));
    }
    await recordAudit(tx, { actorId: actor.id, action: "placement.move", targetType: "page", targetId: input.to.pageId, summary: { item: itemName(item), page: target.number, index: input.index } });
  });
}

/** Changes how much of the page an item takes. */
export async function resizeItem(actor: SessionUser, input: { placementId: string; at: PageAt; size: SizeClass }): Promise<void> {
  if (!SIZE_CLASSES.includes(input.size)) throw invalid("请选择通栏、头条、双栏或单栏");
  await changeItem(actor, input, async (tx, item) => {
    await touchPage(tx, actor, input.at.pageId, input.at.version, `${itemName(item)}改为${SIZE_LABELS[input.size]}`);
    await touchContinuation(tx, actor, item, [input.at.pageId], `${itemName(item)}改为${SIZE_LABELS[input.size]}`);
    await tx.placement.update({ where: { id: item.id }, data: { size: input.size } });
    await recordAudit(tx, { actorId: actor.id, action: "placement.size", targetType: "page", targetId: input.at.pageId, summary: { item: itemName(item), size: input.size } });
  });
}

/** Makes an item the page's lead (头条): it goes to the top, and takes at least the lead's size. */
export async function makeLead(actor: SessionUser, input: { placementId: string; at: PageAt }): Promise<void> {
  await changeItem(actor, input, async (tx, item) => {
    if (item.isLead) return;
    await touchPage(tx, actor, input.at.pageId, input.at.version, `${itemName(item)}设为头条`);
    await touchContinuation(tx, actor, item, [input.at.pageId], `${itemName(item)}设为头条`);
    await tx.placement.updateMany({ where: { pageId: item.pageId }, data: { isLead: false } });
    await tx.placement.update({ where: { id: item.id }, data: { isLead: true, ...(item.size === "SINGLE" || item.size === "DOUBLE" ? { size: "LEAD" } : {}) } });
    const order = await itemsOf(tx, item.pageId);
    await renumber(tx, order.map((o) => o.id));
    await recordAudit(tx, { actorId: actor.id, action: "placement.lead", targetType: "page", targetId: input.at.pageId, summary: { item: itemName(item) } });
  });
}

/** 转版: the story continues on another page of the issue (or, with null, runs whole again). */
export async function setJump(actor: SessionUser, input: { placementId: string; at: PageAt; continuesOn: PageAt | null }): Promise<void> {
  if (input.continuesOn) checkPageAt(input.continuesOn);
  await changeItem(actor, input, async (tx, item, issue) => {
    if (!item.story) throw invalid("计划稿不能转版");
    const to = input.continuesOn ? await tx.page.findUnique({ where: { id: input.continuesOn.pageId }, select: { id: true, issueId: true, number: true } }) : null;
    if (input.continuesOn && (!to || to.issueId !== issue.id || to.id === item.pageId)) throw invalid("只能转到本期的另一个版面");
    await touchPage(tx, actor, input.at.pageId, input.at.version, to ? `${itemName(item)}下转${pageLabel(to.number)}` : `${itemName(item)}不再转版`);
    // The page it now continues on (at the version the editor saw), and the one it continued on before.
    if (input.continuesOn) await touchPage(tx, actor, input.continuesOn.pageId, input.continuesOn.version, `${itemName(item)}转版`);
    if (item.continuesOnId && item.continuesOnId !== input.continuesOn?.pageId) await touchPage(tx, actor, item.continuesOnId, null, `${itemName(item)}转版`);
    await tx.placement.update({ where: { id: item.id }, data: { continuesOnId: to?.id ?? null } });
    await recordAudit(tx, { actorId: actor.id, action: "placement.jump", targetType: "page", targetId: input.at.pageId, summary: { item: itemName(item), ...(to ? { page: to.number } : {}) } });
  });
}

/** Takes an item off its page: a story goes back among the approved, a slot is dropped. */
export async function takeOffPage(actor: SessionUser, input: { placementId: string; at: PageAt }): Promise<void> {
  await changeItem(actor, input, async (tx, item) => {
    if (item.story) {
      const decision = decide("unplace", item.story, actor);
      if (!decision.allowed) throw forbidden(decision.reason);
      await tx.story.update({ where: { id: item.story.id }, data: { status: decision.to, version: { increment: 1 } } });
      await recordAudit(tx, { actorId: actor.id, action: "story.unplace", targetType: "story", targetId: item.story.id, summary: { from: item.story.status, to: decision.to } });
    } else {
      await recordAudit(tx, { actorId: actor.id, action: "slot.remove", targetType: "page", targetId: input.at.pageId, summary: { topic: item.slotTopic } });
      // A story already written for it stays, as ordinary copy; its author hears so.
      const filed = await tx.story.findUnique({ where: { filedForId: item.id }, select: { id: true, headline: true, authorId: true } });
      if (filed) {
        await notify(tx, { recipientIds: [filed.authorId], actorId: actor.id, storyId: filed.id, kind: "NOTED", message: `计划稿“${item.slotTopic}”已撤销，《${filed.headline || "无标题"}》转为普通来稿，仍在编辑部` });
      }
    }
    await touchPage(tx, actor, input.at.pageId, input.at.version, `撤下${itemName(item)}`);
    await touchContinuation(tx, actor, item, [input.at.pageId], `撤下${itemName(item)}`);
    await tx.placement.delete({ where: { id: item.id } });
    const left = await itemsOf(tx, input.at.pageId);
    if (item.isLead && left.length > 0) await tx.placement.update({ where: { id: left[0].id }, data: { isLead: true } });
    await renumber(tx, left.map((l) => l.id));
  });
}

/**
 * Plans a slot (计划稿) on a page: space held for a story not yet written, assigned to a reporter,
 * who finds it under 我的稿件 and files against it.
 */
export async function planSlot(actor: SessionUser, input: { at: PageAt; plan: unknown }): Promise<{ placementId: string }> {
  mayAssemble(actor);
  checkPageAt(input.at);
  const parsed = slotPlan.safeParse(input.plan);
  if (!parsed.success) throw invalid("请检查计划稿", fieldErrorsOf(parsed.error));
  const plan = parsed.data;
  const deadline = beijingDateTimeToDate(plan.deadline);
  if (!deadline) throw invalid("请检查计划稿", { deadline: ["截稿时间无效"] });
  return db().$transaction(async (tx) => {
    const issue = await lockIssueOfPage(tx, input.at.pageId);
    const assignee = await tx.user.findFirst({ where: { id: plan.assigneeId, active: true, role: { in: rolesWith("story:file") } }, select: { id: true, name: true } });
    if (!assignee) throw invalid("请检查计划稿", { assigneeId: ["找不到这位记者"] });
    await touchPage(tx, actor, input.at.pageId, input.at.version, `计划稿“${plan.topic}”`);
    const order = await itemsOf(tx, input.at.pageId);
    const slot = await tx.placement.create({
      data: { pageId: input.at.pageId, position: order.length, isLead: order.length === 0, size: plan.size, slotTopic: plan.topic, assigneeId: assignee.id, targetLength: plan.targetLength, deadline },
      select: { id: true },
    });
    const page = await tx.page.findUniqueOrThrow({ where: { id: input.at.pageId }, select: { number: true, name: true } });
    await recordAudit(tx, { actorId: actor.id, action: "slot.plan", targetType: "page", targetId: input.at.pageId, summary: { topic: plan.topic, assignee: assignee.name, length: plan.targetLength, page: page.number } });
    await notify(tx, {
      recipientIds: [assignee.id],
      actorId: actor.id,
      pageId: input.at.pageId,
      kind: "ASSIGNED",
      message: `${actor.name}约你写稿：“${plan.topic}”，约 ${plan.targetLength} 字，见报总第${issue.number}期${pageLabel(page.number)}${page.name}`,
    });
    return { placementId: slot.id };
  });
}

/** The page's foot credits, reserved areas, name and format. */
export async function updatePagePlan(actor: SessionUser, input: { at: PageAt; plan: unknown }): Promise<void> {
  mayAssemble(actor);
  checkPageAt(input.at);
  const raw = (input.plan ?? {}) as Record<string, unknown>;
  const credits = pageCredits.safeParse(raw);
  const reserved = reservedAreas.safeParse(raw.reserved ?? []);
  const formatCode = typeof raw.formatCode === "string" ? raw.formatCode : undefined;
  if (!credits.success) throw invalid("请检查版面署名", fieldErrorsOf(credits.error));
  if (!reserved.success) throw invalid("请检查预留版面", { reserved: [reserved.error.issues[0].message] });
  await db().$transaction(async (tx) => {
    await lockIssueOfPage(tx, input.at.pageId);
    if (formatCode && !(await tx.pageFormat.findUnique({ where: { code: formatCode }, select: { code: true } }))) throw invalid("请选择对开或四开", { formatCode: ["没有这种版式"] });
    await touchPage(tx, actor, input.at.pageId, input.at.version, "版面署名或预留");
    const before = await tx.page.findUniqueOrThrow({ where: { id: input.at.pageId }, select: { formatCode: true } });
    // Another format moves where the page's jumping stories break.
    if (formatCode && formatCode !== before.formatCode) await touchPagesPrinting(tx, actor, { pageId: input.at.pageId }, "转版稿件所在版改了版式", [input.at.pageId]);
    await tx.page.update({ where: { id: input.at.pageId }, data: { ...credits.data, reserved: reserved.data, ...(formatCode ? { formatCode } : {}) } });
    await recordAudit(tx, { actorId: actor.id, action: "page.plan", targetType: "page", targetId: input.at.pageId, summary: { ...credits.data, reservedAreas: reserved.data.length } });
  });
}

/** An editor sends a finished page to the chief editor (组版中 → 待签). */
export async function sendForSignOff(actor: SessionUser, at: PageAt): Promise<void> {
  mayAssemble(actor);
  checkPageAt(at);
  await db().$transaction(async (tx) => {
    const issue = await lockIssueOfPage(tx, at.pageId);
    const page = await tx.page.findUnique({ where: { id: at.pageId }, select: { number: true, status: true, version: true } });
    if (!page || page.version !== at.version) throw conflict(STALE);
    if (page.status !== "COMPOSING") throw conflict(page.status === "SIGNED" ? "这一版已经签版" : "这一版已在待签");
    await tx.page.update({ where: { id: at.pageId }, data: { status: "AWAITING", version: { increment: 1 } } });
    await recordAudit(tx, { actorId: actor.id, action: "page.submit", targetType: "page", targetId: at.pageId, summary: { number: page.number } });
    await notify(tx, { recipientIds: await chiefEditorIds(tx), actorId: actor.id, pageId: at.pageId, kind: "PAGE_AWAITING", message: `总第${issue.number}期${pageLabel(page.number)}请签版` });
  });
}

/**
 * The chief editor on duty signs a page from its proof (签版). A page with nothing on it, or with a
 * planned slot whose story has not arrived, cannot be signed.
 */
export async function signPage(actor: SessionUser, at: PageAt): Promise<void> {
  if (!can(actor.role, "issue:publish")) throw forbidden("只有值班总编可以签版");
  checkPageAt(at);
  await db().$transaction(async (tx) => {
    await lockIssueOfPage(tx, at.pageId);
    const page = await tx.page.findUnique({
      where: { id: at.pageId },
      select: { number: true, status: true, version: true, placements: { select: { storyId: true, slotTopic: true } } },
    });
    if (!page || page.version !== at.version) throw conflict(STALE);
    if (page.status === "SIGNED") throw conflict("这一版已经签版");
    if (!(await pageCarriesCopy(tx, at.pageId))) throw invalid("空版不能签版");
    const open = page.placements.filter((p) => !p.storyId).map((p) => `“${p.slotTopic}”`);
    if (open.length > 0) throw invalid(`计划稿${open.join("、")}还没有到位，请撤下或等稿件通过后再签版`);
    // 三审 before print: every story the page prints (placed here or continued here) has passed 终审.
    const unreviewed = await tx.placement.findMany({
      where: { AND: [storiesPrintedOn({ id: at.pageId }), { story: lacksFinalReview }] },
      select: { story: { select: { headline: true } } },
    });
    if (unreviewed.length > 0) throw invalid(`${unreviewed.map((p) => `《${p.story?.headline || "图片新闻"}》`).join("、")}还没有终审通过，不能签版`);
    // 三校 before print: every round the paper sets closed, every mark answered, no 漏改 by 核红.
    const proofing = await signingProblems(tx, at.pageId);
    if (proofing.length > 0) throw invalid(`${proofing.join("；")}，不能签版`);
    await tx.page.update({ where: { id: at.pageId }, data: { status: "SIGNED", signedAt: new Date(), signedById: actor.id, version: { increment: 1 } } });
    // The signature names the proof it was given on: the page's version the chief editor read.
    await recordAudit(tx, { actorId: actor.id, action: "page.sign", targetType: "page", targetId: at.pageId, summary: { number: page.number, proofVersion: page.version } });
  });
}

/** Adds a page to an issue; an issue waiting for its release time is held (the page is not signed). */
export async function addPageTo(actor: SessionUser, issueId: string, input: unknown): Promise<void> {
  mayAssemble(actor);
  const parsed = pageInput.safeParse(input);
  if (!parsed.success) throw invalid("请检查版次和版名", fieldErrorsOf(parsed.error));
  if (!isRecordId(issueId)) throw notFound("找不到这一期");
  try {
    await db().$transaction(async (tx) => {
      const issue = await lockIssue(tx, issueId);
      const page = await tx.page.create({ data: { issueId, ...parsed.data }, select: { id: true } });
      await recordAudit(tx, { actorId: actor.id, action: "page.create", targetType: "page", targetId: page.id, summary: parsed.data });
      await holdScheduledRelease(tx, actor, issue, `加了${pageLabel(parsed.data.number)}`);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid(`本期已有第 ${parsed.data.number} 版`, { number: ["该版次已存在"] });
    throw e;
  }
}

/** Deletes a page with nothing on it and nothing continuing onto it, at the version the editor saw. */
export async function dropPage(actor: SessionUser, at: PageAt): Promise<void> {
  mayAssemble(actor);
  checkPageAt(at);
  await db().$transaction(async (tx) => {
    const issue = await lockIssueOfPage(tx, at.pageId);
    // Counted under the lock: nothing can be placed on it in between.
    const page = await tx.page.findUnique({ where: { id: at.pageId }, select: { number: true, version: true, _count: { select: { placements: true, arriving: true } } } });
    if (!page || page.version !== at.version) throw conflict(STALE);
    if (page._count.placements > 0) throw invalid("请先撤下这一版上的稿件和计划稿，再删除版面");
    if (page._count.arriving > 0) throw invalid("有稿件从别的版转到这一版，请先取消转版，再删除版面");
    await tx.page.delete({ where: { id: at.pageId } });
    await recordAudit(tx, { actorId: actor.id, action: "page.delete", targetType: "page", targetId: at.pageId, summary: { number: page.number } });
    await holdScheduledRelease(tx, actor, issue, `删去了${pageLabel(page.number)}`);
  });
}
