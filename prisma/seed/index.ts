// Fills a database with demo accounts, tags and three days of published issues written for the
// demo, plus some copy waiting on the desk. It goes through the same domain functions as the app,
// so the demo data obeys the same rules. Then the correspondents' units and a year of back issues
// before those days, written in bulk as a release leaves them, with one 稿酬 month closed
// (back-year.ts). Usage: SEED_DEMO=1 tsx --conditions=react-server prisma/seed/index.ts [--if-empty]
// The demo accounts share a published password: the seed refuses to run unless SEED_DEMO=1 says the
// database is a demo (npm start sets it for the embedded database only).
import { db } from "@/lib/platform/db";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/core/session";
import { changeStory, createStory } from "@/lib/desk/story-commands";
import { createIssue } from "@/lib/issues/mutations";
import { releaseNow } from "@/lib/issues/release";
import { pageAtNow, placeOnPage, planSlot, signPage, updatePagePlan } from "@/lib/issues/commands";
import { uploadPhoto } from "@/lib/photos/mutations";
import { ensureAccountContributor } from "@/lib/contributors/credits";
import type { BodyBlock } from "@/lib/stories/body";
import type { StoryDraft } from "@/lib/stories/schema";
import { demoCredits, demoDesk, demoErrors, demoIssues, demoPlannedIssue, demoProfile, demoProofMarks, demoTags, type DemoStory } from "./demo-content";
import { closeRound, DEFAULT_PROOF_ROUNDS, markText, openRound } from "@/lib/proofing/rounds";
import { applyProofMark } from "@/lib/desk/proof-commands";
import { fieldText } from "@/lib/proofing/marks";
import { parseStoredBody } from "@/lib/stories/body";
import { recordPrintedError } from "@/lib/quality/errors";
import { placeholderPhoto } from "./placeholder-photo";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./accounts";
import { paperDay } from "@/lib/core/dates";
import { installJobQueues } from "@/lib/platform/jobs";
import { ALL_QUEUES } from "@/lib/jobs/queues";
import { closeProcessStore } from "@/lib/platform/cache/stores.mjs";
import { seedBackYear } from "./back-year";

const FIRST_NUMBER = 9120; // 总第N期 of the oldest demo issue

async function main() {
  if (process.env.SEED_DEMO !== "1") {
    console.error("seed: refusing to create demo accounts (they share a published password). Set SEED_DEMO=1 for a demo database.");
    process.exit(2);
  }
  const ifEmpty = process.argv.includes("--if-empty");
  if (ifEmpty && (await db().user.count()) > 0) {
    console.log("seed: database already has accounts, nothing to do");
    return;
  }
  const started = Date.now();
  // Releases send their purge of reader pages as jobs: the queue is installed before the app's first start.
  await installJobQueues(ALL_QUEUES);
  const users = new Map<string, SessionUser>();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) {
    const user = await db().user.create({
      data: { ...a, passwordHash },
      select: { id: true, username: true, name: true, role: true, affiliation: true, bylineTitle: true },
    });
    users.set(a.username, user);
    await db().$transaction((tx) => ensureAccountContributor(tx, user));
  }
  await db().tag.createMany({ data: demoTags, skipDuplicates: true });
  await db().paperProfile.upsert({ where: { id: "paper" }, create: demoProfile, update: demoProfile });
  const account = (username: string) => {
    const u = users.get(username);
    if (!u) throw new Error(`demo content names unknown account ${username}`);
    return u;
  };
  const editor = account("bianji");
  const deskHead = account("zhuren");
  const chief = account("zongbian");
  const proofreader = account("jiaodui");

  /** 三审 as the desk takes it: 初审 by the editor, 复审 by the 部门主任, 终审 (when `final`) by the 值班总编. */
  async function review(storyId: string, through: "FIRST" | "SECOND" | "FINAL") {
    const steps = [[editor, "approve"], [deskHead, "secondReview"], [chief, "finalReview"]] as const;
    for (const [reviewer, action] of steps.slice(0, { FIRST: 1, SECOND: 2, FINAL: 3 }[through])) {
      const { version } = await db().story.findUniqueOrThrow({ where: { id: storyId }, select: { version: true } });
      await changeStory(reviewer, { action, storyId, baseVersion: version });
    }
  }

  async function draftOf(story: DemoStory): Promise<StoryDraft> {
    const author = account(story.author);
    const body: BodyBlock[] = [];
    for (const block of story.body) {
      if (block.type !== "photo") {
        body.push(block);
        continue;
      }
      const { caption, credit, altText, hue, size } = block.photo;
      const photo = await uploadPhoto(author, await placeholderPhoto(hue, size?.width, size?.height), { caption, credit, altText });
      body.push({ type: "photo", photoId: photo.id, caption, credit, altText });
    }
    const tagKind = new Map(demoTags.map((t) => [t.name, t.kind]));
    return {
      kind: story.kind,
      kicker: story.kicker ?? "",
      headline: story.headline,
      subheadline: story.subheadline ?? "",
      byline: story.byline,
      // The list is read from the printed line (settleByline), as for copy filed before credits were people.
      contributors: [],
      bylineEdited: false,
      dateline: story.dateline ?? "",
      body,
      tags: story.tags.map((name) => ({ name, kind: tagKind.get(name) ?? "TOPIC" })),
    };
  }

  /**
   * Files, reviews and places a page's stories (the first is the lead), credits it, and signs it. A
   * page left unsigned keeps its copy at 待终审: pages are planned before the last step.
   */
  async function fillPage(pageId: string, number: number, stories: DemoStory[], sign: boolean) {
    for (const [i, story] of stories.entries()) {
      const filed = await createStory(account(story.author), await draftOf(story), { submit: true });
      await review(filed.id, sign ? "FINAL" : "SECOND");
      // Sizes as a page editor plans them: the lead as 头条, the rest 双栏 (all 单栏 would draw a
      // page as thin columns).
      const size = i === 0 ? "LEAD" : "DOUBLE";
      await placeOnPage(editor, { storyId: filed.id, to: await pageAtNow(pageId), index: i, size });
    }
    await updatePagePlan(editor, { at: await pageAtNow(pageId), plan: demoCredits[number] ?? demoCredits[1] });
    if (sign) {
      // 三校 before 签版: the proofreader found nothing on the pages that went out.
      for (let n = 0; n < DEFAULT_PROOF_ROUNDS; n++) {
        const { roundId } = await openRound(proofreader, pageId);
        await closeRound(proofreader, roundId);
      }
      await signPage(chief, await pageAtNow(pageId));
    }
  }

  const oldestFirst = [...demoIssues].sort((a, b) => b.daysAgo - a.daysAgo);
  const maxDaysAgo = Math.max(...demoIssues.map((i) => i.daysAgo));
  for (const demo of oldestFirst) {
    const date = paperDay(-demo.daysAgo);
    const issue = await createIssue(chief, { date, number: String(FIRST_NUMBER + maxDaysAgo - demo.daysAgo) });
    const pages = await db().page.findMany({ where: { issueId: issue.id }, select: { id: true, number: true } });
    for (const demoPage of demo.pages) {
      let page = pages.find((p) => p.number === demoPage.number);
      if (!page) {
        page = await db().page.create({ data: { issueId: issue.id, number: demoPage.number, name: demoPage.name }, select: { id: true, number: true } });
      } else {
        await db().page.update({ where: { id: page.id }, data: { name: demoPage.name } });
      }
      await fillPage(page.id, demoPage.number, demoPage.stories, true);
    }
    // Every page was signed as it was filled (an issue goes out only so).
    await releaseNow(chief, issue.id);
    // Demo issues appear as if published at dawn on their own day, so "newest first" lists read right.
    const dawn = new Date(`${date}T05:30:00+08:00`);
    await db().issue.update({ where: { id: issue.id }, data: { publishedAt: dawn } });
    await db().story.updateMany({ where: { placement: { page: { issueId: issue.id } } }, data: { publishedAt: dawn } });
  }

  // 差错 the desk found in the released demo issues (差错统计).
  for (const e of demoErrors) {
    const issueDate = paperDay(-e.daysAgo);
    const first = await db().printRecord.findFirst({
      where: { issueDate: new Date(issueDate), pageNumber: e.page, event: "RELEASED" },
      orderBy: { position: "asc" },
      select: { storyId: true },
    });
    const { daysAgo: _d, page, inStory, count, ...entry } = e;
    await recordPrintedError(editor, { ...entry, issueDate, pageNumber: String(page), count: String(count), storyId: inStory && first ? first.storyId : "" });
  }

  // Tomorrow's paper, being made: a lead and a planned slot on page 1, a signed page 2.
  const tomorrow = paperDay(1);
  const planned = await createIssue(chief, { date: tomorrow, number: String(FIRST_NUMBER + maxDaysAgo + 1) });
  const plannedPages = await db().page.findMany({ where: { issueId: planned.id }, select: { id: true, number: true } });
  for (const demoPage of demoPlannedIssue.pages) {
    const page = plannedPages.find((p) => p.number === demoPage.number)!;
    await fillPage(page.id, demoPage.number, demoPage.stories, demoPage.sign);
  }
  // Page 1 mid-proofing: 一校's marks, one put right and one missed, and 二校 open with a question.
  const frontPage = plannedPages.find((p) => p.number === 1)!;
  const lead = await db().placement.findFirstOrThrow({ where: { pageId: frontPage.id, storyId: { not: null } }, orderBy: { position: "asc" }, select: { storyId: true } });
  const leadVersion = async () => (await db().story.findUniqueOrThrow({ where: { id: lead.storyId! }, select: { version: true } })).version;
  async function markLead(roundId: string, m: (typeof demoProofMarks)[number]) {
    const story = await db().story.findUniqueOrThrow({ where: { id: lead.storyId! }, select: { version: true, kicker: true, headline: true, subheadline: true, dateline: true, body: true } });
    const text = fieldText({ ...story, body: parseStoredBody(story.body) }, "body");
    const start = text.indexOf(m.find) + m.at;
    const quote = text.slice(start, start + m.length);
    return (await markText(proofreader, { roundId, storyId: lead.storyId, field: "body", start, end: start + m.length, quote, version: story.version, kind: m.kind, suggestion: m.suggestion ?? "", note: m.note ?? "" })).markId;
  }
  const first = (await openRound(proofreader, frontPage.id)).roundId;
  const firstMarks = [];
  for (const m of demoProofMarks.filter((x) => x.round === 1)) firstMarks.push({ id: await markLead(first, m), applied: m.applied });
  await closeRound(proofreader, first);
  for (const m of firstMarks) if (m.applied) await applyProofMark(editor, m.id, await leadVersion());
  const second = (await openRound(proofreader, frontPage.id)).roundId;
  for (const m of demoProofMarks.filter((x) => x.round === 2)) await markLead(second, m);

  const { slot } = demoPlannedIssue;
  await planSlot(editor, {
    at: await pageAtNow(plannedPages.find((p) => p.number === slot.page)!.id),
    plan: { topic: slot.topic, assigneeId: account(slot.assignee).id, targetLength: slot.targetLength, deadline: `${paperDay(0)}T${slot.deadlineHour}:00`, size: "DOUBLE" },
  });
  for (const page of plannedPages) {
    if (!demoPlannedIssue.pages.some((p) => p.number === page.number)) await updatePagePlan(editor, { at: await pageAtNow(page.id), plan: demoCredits[page.number] ?? demoCredits[1] });
  }

  for (const story of demoDesk) {
    const author = account(story.author);
    const filed = await createStory(author, await draftOf(story), { submit: story.status !== "DRAFT" });
    if (story.status === "APPROVED") await review(filed.id, "FIRST");
    if (story.status === "REVIEWED") await review(filed.id, "SECOND");
  }
  // Units for everyone credited, and a year of back issues before the demo's days, one 稿酬 month closed.
  const year = await seedBackYear(users, FIRST_NUMBER);
  console.log(`seed: ${users.size} accounts, ${demoIssues.length} published issues, tomorrow's issue in the making, ${demoDesk.length} stories on the desk (${Date.now() - started} ms)`);
  console.log(
    `seed: back year of ${year.issues} issues, ${year.pieces} pieces by ${year.people} people in ${year.units} units, ${year.spiked} turned down, ${year.ratings} rated; 稿酬 ${year.closed.month} closed (${year.closed.lines} lines, ¥${(year.closed.totalFen / 100).toFixed(2)})`,
  );
}

main()
  .then(() => Promise.all([db().$disconnect(), closeProcessStore()]))
  .catch(async (e) => {
    console.error(e);
    await db().$disconnect();
    process.exit(1);
  });
