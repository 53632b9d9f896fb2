import "server-only";
import { decideSteps } from "@/lib/stories/workflow";
import { z } from "zod";
import { db, isUniqueViolation, type Tx } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { recordAudit } from "@/lib/core/audit";
import { conflict, DomainError, forbidden, invalid } from "@/lib/core/errors";
import { recordWhatRan } from "@/lib/print-record/records";
import { freezeReleasedPages } from "@/lib/issues/released-page";
import { sendJob } from "@/lib/platform/jobs";
import { QUEUES } from "@/lib/jobs/queues";
import { beijingDateTimeToDate, isRealDay, issueDateFromString, issueDateToString, paperDay } from "@/lib/core/dates";
import { parseDraft, storyColumns } from "@/lib/stories/content";
import { writeCredits } from "@/lib/contributors/credits";
import { recordRevision } from "@/lib/stories/revisions";
import { paperProfile } from "@/lib/issues/paper-profile";
import { pageInput } from "@/lib/validation/issue";
import { photoBlock } from "@/lib/stories/body";
import { fieldErrorsOf, type StoryDraft } from "@/lib/stories/schema";
import { fileableBody, IMPORT_MAX_STORIES, importProblem } from "@/lib/import/page-import";
import { issueReleasePurge, purgeNow, sendReaderPurge } from "@/lib/reader/purge";
import { pageLabel } from "@/lib/format";

// What the page import desk (/desk/import) files: stories read from a printed page, either as
// copy for the desk to work on, or — for a paper bringing its archive in — as a page of a past
// issue, published as it was printed. Each call is one transaction: every story or none.


// What a request gets that our own page never sends (a list that is not one, a field of another
// type): the schemas below name the user's own mistakes; anything else reads as this, never as zod's English.
const MALFORMED_IMPORT = "导入内容格式不正确，请刷新页面后再试";
const inChinese = { error: () => MALFORMED_IMPORT };
/** A story's lines, as the card's body box holds them: a printed story is a few dozen. */
const IMPORT_MAX_LINES = 400;

const block = z.discriminatedUnion("type", [
  z.object({ type: z.literal("paragraph"), text: z.string() }),
  z.object({ type: z.literal("subhead"), text: z.string() }),
  // A caption and credit never reach the story's body (they go to a note), so they are checked here, by the body's own rule.
  photoBlock.omit({ photoId: true, altText: true }),
]);
const importedCopy = z.object({
  kind: z.string(),
  kicker: z.string(),
  headline: z.string(),
  subheadline: z.string(),
  byline: z.string(),
  dateline: z.string(),
  body: z.array(block).max(IMPORT_MAX_LINES, { message: `正文超过 ${IMPORT_MAX_LINES} 行，请把这一篇拆成几篇` }),
});
const storiesInput = z.array(importedCopy).min(1, { message: "没有要导入的稿件" }).max(IMPORT_MAX_STORIES, { message: `一次最多导入 ${IMPORT_MAX_STORIES} 篇` });

type Copy = z.infer<typeof importedCopy>;
/** A story ready to write: its draft, and the captions of pictures the page had and the import cannot bring. */
type ReadyStory = { draft: StoryDraft; captions: { caption: string; credit: string }[] };

/**
 * One imported story as a draft. A picture cannot come from text, so its caption goes to a note for
 * the desk; photo copy whose only text was its captions keeps them as its text.
 */
function readyStory(copy: Copy, n: number): ReadyStory {
  const captions = copy.body.flatMap((b) => (b.type === "photo" ? [{ caption: b.caption, credit: b.credit }] : []));
  const named = `第 ${n} 篇《${copy.headline.trim() || "无标题"}》`;
  try {
    const draft = parseDraft({ ...copy, contributors: [], bylineEdited: false, body: fileableBody(copy.body), tags: [] });
    const problem = importProblem(draft);
    if (problem) throw invalid(problem);
    return { draft, captions };
  } catch (e) {
    if (e instanceof DomainError) throw invalid(`${named}：${Object.values(e.fieldErrors).flat()[0] ?? e.message}`);
    throw e;
  }
}

function readyStories(input: unknown): ReadyStory[] {
  const parsed = storiesInput.safeParse(input, inChinese);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const story = typeof issue?.path[0] === "number" ? `第 ${issue.path[0] + 1} 篇：` : "";
    throw invalid(`${story}${issue?.message ?? MALFORMED_IMPORT}`);
  }
  return parsed.data.map((copy, i) => readyStory(copy, i + 1));
}

const captionNote = (captions: ReadyStory["captions"]) =>
  `版面导入：原版面配有 ${captions.length} 张图片，请配图。图片说明：\n${captions.map((c, i) => `${i + 1}. ${c.caption}${c.credit ? `（${c.credit}）` : ""}`).join("\n")}`;

// Forty stories are a few hundred statements in one transaction: more than Prisma's default 5 s
// allows on a busy machine, so an import gets longer before it is given up.
const IMPORT_TRANSACTION = { timeout: 30_000, maxWait: 10_000 };

type Filing = { status: "SUBMITTED" | "PUBLISHED"; at: Date; placement?: { pageId: string; position: number } };

/** Writes one imported story, filed by the editor on behalf of the people its byline names. */
async function writeImported(tx: Tx, actor: SessionUser, story: ReadyStory, filing: Filing): Promise<{ id: string; headline: string }> {
  const { draft } = story;
  const published = filing.status === "PUBLISHED";
  // Filed by the editor as its author: to the desk it is submitted; a back issue's page ran.
  const decision = decideSteps(published ? ["submit", "approve", "place", "publish"] : ["submit"], actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  const row = await tx.story.create({
    data: {
      ...storyColumns(draft),
      status: decision.to,
      authorId: actor.id,
      submittedAt: filing.at,
      ...(published ? { approvedAt: filing.at, publishedAt: filing.at } : {}),
    },
    select: { id: true, version: true },
  });
  if (filing.placement) {
    const lead = filing.placement.position === 0;
    await tx.placement.create({ data: { pageId: filing.placement.pageId, storyId: row.id, position: filing.placement.position, isLead: lead, size: lead ? "LEAD" : "SINGLE" } });
  }
  await writeCredits(tx, row.id, actor.id, draft);
  if (story.captions.length) await tx.storyNote.create({ data: { storyId: row.id, authorId: actor.id, body: captionNote(story.captions) } });
  await recordRevision(tx, { storyId: row.id, version: row.version, status: filing.status, action: "import", actorId: actor.id, draft });
  await recordAudit(tx, { actorId: actor.id, action: "story.import", targetType: "story", targetId: row.id, summary: { headline: draft.headline, kind: draft.kind, status: filing.status } });
  return { id: row.id, headline: draft.headline };
}

/** 作为待审稿件: the stories go to the desk's queue, filed by the editor for their contributors. */
export async function fileImportedStories(actor: SessionUser, input: unknown): Promise<{ ids: string[] }> {
  if (!can(actor.role, "desk:review")) throw forbidden("只有编辑可以导入版面稿件");
  const stories = readyStories(input);
  return db().$transaction(async (tx) => {
    const now = new Date();
    const ids: string[] = [];
    for (const story of stories) ids.push((await writeImported(tx, actor, story, { status: "SUBMITTED", at: now })).id);
    return { ids };
  }, IMPORT_TRANSACTION);
}

const RUNNING_NUMBER = "期号应为正整数";
/** 总第N期 as typed (a script may give a number); blank for an issue already out. */
const runningNumber = z
  .union([z.string(), z.number()], { message: RUNNING_NUMBER })
  .transform((typed) => String(typed).trim())
  .refine((s) => s === "" || /^[1-9]\d*$/u.test(s), { message: RUNNING_NUMBER })
  .refine((s) => s.length <= 7, { message: "期号过大" })
  .transform((s) => (s === "" ? ("" as const) : Number(s)));

const backIssueInput = z.object({
  date: z.string({ message: "请填写出版日期" }).refine((s) => isRealDay(s), { message: "请填写出版日期" }),
  issueNumber: runningNumber,
  pageNumber: pageInput.shape.number,
  pageName: pageInput.shape.name,
});

export type BackIssuePage = { issueId: string; date: string; pageNumber: number; storyIds: string[]; newIssue: boolean };

/**
 * 过刊导入: the stories become a published page of an issue of a day gone by, as it was printed.
 * A new issue needs its running number (总第N期); a page may be added to an issue already out,
 * never to one still on the desk, and never over a page it has.
 */
export async function publishBackIssuePage(actor: SessionUser, page: unknown, input: unknown): Promise<BackIssuePage> {
  if (!can(actor.role, "issue:publish")) throw forbidden("只有值班总编可以导入过刊版面");
  const parsed = backIssueInput.safeParse(page, inChinese);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    throw invalid(`请检查过刊的日期、期号和版面：${Object.values(fieldErrors).flat().join("；")}`, fieldErrors);
  }
  const { date, issueNumber, pageNumber, pageName } = parsed.data;
  if (date >= paperDay()) throw invalid("过刊的出版日期应早于今天；今天及以后的报纸请在版面编排中组版", { date: ["应早于今天"] });
  const stories = readyStories(input);
  const { releaseTime } = await paperProfile();
  const at = beijingDateTimeToDate(`${date}T${releaseTime}`) ?? issueDateFromString(date);
  try {
    const done = await db().$transaction(async (tx) => {
      const existing = await tx.issue.findUnique({ where: { date: issueDateFromString(date) }, select: { id: true, status: true, number: true } });
      if (existing && existing.status !== "PUBLISHED") throw conflict("这一天的报纸还在编排中，不能作为过刊导入");
      if (existing && issueNumber !== "" && existing.number !== issueNumber) throw invalid(`这一天的报纸已是总第${existing.number}期，与填写的期号不符`, { issueNumber: ["期号不符"] });
      if (!existing && issueNumber === "") throw invalid("这一天还没有报纸：请填写总第几期", { issueNumber: ["请填写期号"] });
      if (!existing) {
        const numbered = await tx.issue.findUnique({ where: { number: issueNumber as number }, select: { date: true } });
        if (numbered) throw invalid(`总第${issueNumber}期已是 ${issueDateToString(numbered.date)} 的报纸，请核对期号`, { issueNumber: ["期号已被使用"] });
      }
      const issue = existing ?? (await tx.issue.create({ data: { date: issueDateFromString(date), number: issueNumber as number, status: "PUBLISHED", publishedAt: at }, select: { id: true, status: true, number: true } }));
      const taken = await tx.page.findUnique({ where: { issueId_number: { issueId: issue.id, number: pageNumber } }, select: { name: true } });
      if (taken) throw conflict(`总第${issue.number}期已有${pageLabel(pageNumber)}（${taken.name}）`);
      const created = await tx.page.create({ data: { issueId: issue.id, number: pageNumber, name: pageName, status: "SIGNED", signedAt: new Date(), signedById: actor.id }, select: { id: true } });
      const storyIds: string[] = [];
      for (const [position, story] of stories.entries()) {
        storyIds.push((await writeImported(tx, actor, story, { status: "PUBLISHED", at, placement: { pageId: created.id, position } })).id);
      }
      await recordWhatRan(tx, issue.id, at, [created.id]);
      await freezeReleasedPages(tx, issue.id, at, [pageNumber]);
      await sendJob(tx, QUEUES.pageRender, { issueId: issue.id });
      await recordAudit(tx, { actorId: actor.id, action: "issue.import_page", targetType: "issue", targetId: issue.id, summary: { date, number: issue.number, page: pageNumber, name: pageName, stories: storyIds.length } });
      // Readers see the page as a release would show it (lib/reader/purge.ts).
      const purge = await sendReaderPurge(tx, await issueReleasePurge(tx, issue.id));
      return { issueId: issue.id, date, pageNumber, storyIds, newIssue: !existing, purge };
    }, IMPORT_TRANSACTION);
    const { purge, ...page } = done;
    await purgeNow(purge);
    return page;
  } catch (e) {
    // Someone made this day's issue or page, or took the number, between the checks and the writes.
    if (isUniqueViolation(e)) throw invalid("这个期号或版次刚被占用：请核对总第几期，或刷新后再看这一期", { issueNumber: ["期号或版次已被占用"] });
    throw e;
  }
}
