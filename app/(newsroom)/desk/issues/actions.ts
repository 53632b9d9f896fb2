"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/core/session";
import { runFormAction } from "@/lib/actions/run-form-action";
import type { FormState } from "@/lib/actions/form-state";
import { field } from "@/lib/actions/form-data";
import { addPage, arrangeStory, createIssue, placeStory, publishIssue, removePage, unplaceStory } from "@/lib/issues/mutations";
import { refreshReaderPages } from "@/lib/reader/cache";
import { invalid } from "@/lib/core/errors";

// Thin wrappers: each reads its form, names the user, and lets lib/issues decide and check.

async function deskAction(run: (user: Awaited<ReturnType<typeof requireUser>>) => Promise<string>): Promise<FormState> {
  const result = await runFormAction(async () => ({ message: await run(await requireUser()) }));
  revalidatePath("/desk", "layout");
  return result;
}

export async function createIssueAction(_: FormState, form: FormData): Promise<FormState> {
  let createdId = "";
  const result = await deskAction(async (user) => {
    createdId = (await createIssue(user, { date: field(form, "date"), number: field(form, "number") })).id;
    return "已创建";
  });
  if (result.ok) redirect(`/desk/issues/${createdId}`);
  return result;
}

export async function addPageAction(_: FormState, form: FormData): Promise<FormState> {
  return deskAction(async (user) => {
    await addPage(user, field(form, "issueId"), { number: field(form, "number"), name: field(form, "name") });
    return "已添加版面";
  });
}

export async function removePageAction(_: FormState, form: FormData): Promise<FormState> {
  return deskAction(async (user) => {
    await removePage(user, field(form, "pageId"));
    return "已删除版面";
  });
}

export async function placeStoryAction(_: FormState, form: FormData): Promise<FormState> {
  return deskAction(async (user) => {
    const pageId = field(form, "pageId");
    if (!pageId) throw invalid("请选择要上的版面");
    await placeStory(user, field(form, "storyId"), pageId);
    return "已上版";
  });
}

export async function arrangeStoryAction(_: FormState, form: FormData): Promise<FormState> {
  return deskAction(async (user) => {
    const move = field(form, "move");
    if (move !== "up" && move !== "down" && move !== "lead") throw invalid("未知的操作");
    await arrangeStory(user, field(form, "storyId"), move);
    return move === "lead" ? "已设为头条" : "已调整顺序";
  });
}

export async function unplaceStoryAction(_: FormState, form: FormData): Promise<FormState> {
  return deskAction(async (user) => {
    await unplaceStory(user, field(form, "storyId"));
    return "已撤下";
  });
}

export async function publishIssueAction(_: FormState, form: FormData): Promise<FormState> {
  const issueId = field(form, "issueId");
  const result = await deskAction(async (user) => {
    const { storyIds } = await publishIssue(user, issueId);
    refreshReaderPages();
    return `已签发见报，共 ${storyIds.length} 篇稿件`;
  });
  // The publish button leaves the page once the issue is out; the confirmation rides the redirect.
  if (result.ok) redirect(`/desk/issues/${issueId}?done=${encodeURIComponent(result.message)}`);
  return result;
}
