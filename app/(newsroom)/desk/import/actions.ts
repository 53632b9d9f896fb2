"use server";

import { z } from "zod";
import { deskCall } from "@/lib/actions/desk-action";
import { fileImportedStories, publishBackIssuePage } from "@/lib/import/commands";
import { revalidatePath } from "next/cache";
import type { ImportAnswer } from "@/lib/import/page-import";
import { pageLabel } from "@/lib/format";

// The page import desk's two ways out. Thin: lib/import/commands.ts checks who is asking and
// everything the stories hold.

const refused = (failure: { message: string; fieldErrors: Record<string, string[]> }): ImportAnswer => ({ ok: false, message: failure.message, fieldErrors: failure.fieldErrors });

export const fileImportedAction = deskCall(z.tuple([z.unknown()]), async (user, stories): Promise<ImportAnswer> => {
  const { ids } = await fileImportedStories(user, stories);
  revalidatePath("/desk", "layout");
  return { ok: true, message: `已导入 ${ids.length} 篇稿件，已送入待审稿件`, href: "/desk/queue", linkText: "去待审稿件" };
}, refused);

export const publishBackIssueAction = deskCall(z.tuple([z.unknown(), z.unknown()]), async (user, page, stories): Promise<ImportAnswer> => {
  const done = await publishBackIssuePage(user, page, stories);
  revalidatePath("/desk", "layout");
  const [y, m, d] = done.date.split("-");
  return {
    ok: true,
    message: `已导入过刊：${y}年${Number(m)}月${Number(d)}日${pageLabel(done.pageNumber)}，${done.storyIds.length} 篇稿件已见报${done.newIssue ? "（新建了这一期）" : ""}`,
    href: `/issues/${done.date}/pages/${done.pageNumber}`,
    linkText: "在读者版查看",
  };
}, refused);
