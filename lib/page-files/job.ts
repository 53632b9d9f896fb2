import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import type { JobHandler } from "@/lib/platform/jobs";
import { appPort, siteUrl } from "@/lib/platform/env";
import { photoStore } from "@/lib/platform/storage";
import { RECORD_ID } from "@/lib/core/ids";
import { issueDateToString } from "@/lib/core/dates";
import { paperProfile } from "@/lib/issues/paper-profile";
import { readerKey } from "@/lib/reader/keys";
import { purgeNow, sendReaderPurge } from "@/lib/reader/purge";
import { pageLabel } from "@/lib/format";
import { assertMemoryFor, EngineMissing, engineStatus, withEngine } from "@/lib/page-files/engine";
import { renderPage, type PaperSize } from "@/lib/page-files/render";
import { PAGE_FILE_NAMES, paperSizeOf } from "@/lib/page-files/page-files";
import { printAddress } from "@/lib/page-files/addresses";

// The page-render job, sent with each release: prints every page of the issue that has no printed
// record yet, one at a time, and stores its files in the photo store. A page that fails is tried
// again with the job's retries, and given up after MAX_ATTEMPTS: it stays listed for the
// administrator (账号管理 → 版面文件), who can start it again. Safe to run twice: a page done is skipped,
// and a page's row is marked done only if it was not already.

export const MAX_ATTEMPTS = 3;

export type RenderOutcome = { rendered: number; failed: { number: number; error: string; final: boolean }[]; skipped: string | null };

const jobData = z.object({ issueId: z.string().regex(RECORD_ID) });

/** The address this instance answers on, for its own engine to print from. */
export const ownAddress = () => `http://127.0.0.1:${appPort()}`;

/**
 * Renders the pages of an issue still without files (`numbers`: only these), printing from the app
 * at `base`. `again`: pages that were given up are tried too.
 */
export async function renderIssueFiles(issueId: string, base: string, options: { numbers?: number[]; again?: boolean } = {}): Promise<RenderOutcome> {
  const issue = await db().issue.findUnique({ where: { id: issueId }, select: { date: true, number: true, status: true } });
  if (!issue || issue.status !== "PUBLISHED") return { rendered: 0, failed: [], skipped: "本期没有见报" };
  const due = await db().pageRender.findMany({
    where: { issueId, state: { not: "DONE" }, ...(options.again ? {} : { attempts: { lt: MAX_ATTEMPTS } }), ...(options.numbers ? { number: { in: options.numbers } } : {}) },
    orderBy: { number: "asc" },
    select: { number: true, attempts: true, page: { select: { view: true, releasedAt: true } } },
  });
  if (due.length === 0) return { rendered: 0, failed: [], skipped: null };
  const status = engineStatus();
  if (!status.installed) {
    await db().pageRender.updateMany({ where: { issueId, number: { in: due.map((d) => d.number) }, state: { not: "DONE" } }, data: { state: "FAILED", error: status.why } });
    return { rendered: 0, failed: [], skipped: status.why };
  }
  const date = issueDateToString(issue.date);
  const paper = (await paperProfile()).name;
  const outcome: RenderOutcome = { rendered: 0, failed: [], skipped: null };
  await withEngine(async (browser) => {
    for (const page of due) {
      const attempt = (options.again ? 0 : page.attempts) + 1;
      // Claimed as seen: a second run of the job (a retry, 重新生成, the script, another instance)
      // that read the same row finds it taken and leaves the page to this one.
      const claimed = await db().pageRender.updateMany({ where: { issueId, number: page.number, state: { not: "DONE" }, attempts: page.attempts }, data: { attempts: attempt } });
      if (claimed.count !== 1) continue;
      try {
        assertMemoryFor(`${pageLabel(page.number)}`);
        const view = page.page.view as { layout?: { page?: { name?: string; format?: Record<string, unknown> } } };
        const name = view.layout?.page?.name ?? "";
        const size: PaperSize = paperSizeOf(view.layout?.page?.format);
        const files = await renderPage(browser, `${base}${printAddress(date, page.number)}`, size, {
          title: `${paper} ${date} ${pageLabel(page.number)} ${name}`.trim(),
          subject: `${paper} 总第${issue.number}期 ${pageLabel(page.number)}`,
          keywords: [paper, date, `总第${issue.number}期`, pageLabel(page.number), name],
          author: paper,
          at: page.page.releasedAt,
        }, `${siteUrl()}/stories/`);
        // Files of one attempt under a key of their own: files are never rewritten in place.
        const key = `pages/${date}/${issueId}-${page.number}-${attempt}-${randomUUID().slice(0, 8)}`;
        const store = photoStore();
        await Promise.all([store.put(key, PAGE_FILE_NAMES.pdf, files.pdf), store.put(key, PAGE_FILE_NAMES.large, files.large), store.put(key, PAGE_FILE_NAMES.thumb, files.thumb)]);
        await db().pageRender.updateMany({
          where: { issueId, number: page.number, state: { not: "DONE" } },
          data: { state: "DONE", error: "", storageKey: key, pdfBytes: files.pdf.length, areas: files.areas, renderedAt: new Date() },
        });
        outcome.rendered++;
      } catch (e) {
        if (e instanceof EngineMissing) throw e;
        const error = (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 300);
        await db().pageRender.update({ where: { issueId_number: { issueId, number: page.number } }, data: { state: "FAILED", error } });
        outcome.failed.push({ number: page.number, error, final: attempt >= MAX_ATTEMPTS });
      }
    }
  });
  // Readers' pages show the new thumbnails and download links once both caches drop the issue's pages.
  if (outcome.rendered) {
    const purge = await db().$transaction((tx) => sendReaderPurge(tx, { why: `总第${issue.number}期版面文件已生成`, keys: [readerKey.issue(date)], warm: [`/issues/${date}`] }));
    await purgeNow(purge);
  }
  return outcome;
}

/** The worker: renders at this instance's own address; fails (so the queue retries) while a page may still succeed. */
export const pageRenderJob: JobHandler = async (data) => {
  const { issueId } = jobData.parse(data);
  const outcome = await renderIssueFiles(issueId, ownAddress());
  const retry = outcome.failed.filter((f) => !f.final);
  if (retry.length) throw new Error(`${retry.map((f) => pageLabel(f.number)).join("、")}生成失败，稍后重试：${retry[0].error}`);
  return outcome;
};
