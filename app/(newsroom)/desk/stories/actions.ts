"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/core/session";
import { addNote, changeStory, correctStory, createStory, restoreRevision, withdrawStory } from "@/lib/stories/mutations";
import { acquireLock, releaseLock, renewLock, takeOverLock } from "@/lib/stories/locks";
import type { LockView } from "@/lib/stories/lock-rules";
import { getStoryForEdit } from "@/lib/stories/queries";
import { markRead } from "@/lib/inbox/queries";
import { refreshReaderPages } from "@/lib/reader/cache";
import { failureOf, runFormAction } from "@/lib/actions/run-form-action";
import type { FormState } from "@/lib/actions/form-state";
import { field, jsonField } from "@/lib/actions/form-data";
import { invalid } from "@/lib/core/errors";

// Thin wrappers: each names the user and hands over to lib/stories, which checks everything.

const INTENTS = ["save", "submit", "approve", "return", "spike", "restore", "release"] as const;
type Intent = (typeof INTENTS)[number];

const DONE: Record<Intent, string> = {
  save: "已保存",
  submit: "已提交，等待编辑审稿",
  approve: "已通过，可以上版",
  return: "已退回给作者",
  spike: "已弃用",
  restore: "已恢复到待审",
  release: "已放回待审",
};

type Snapshot = NonNullable<FormState["current"]>;

/** What the story holds now, for the form to compare with what the user has. */
async function snapshot(storyId: string): Promise<Snapshot | undefined> {
  const user = await requireUser();
  const story = await getStoryForEdit(user, storyId).catch(() => null);
  if (!story) return undefined;
  const { kind, kicker, headline, subheadline, byline, dateline, body, tags } = story;
  return { content: { kind, kicker, headline, subheadline, byline, dateline, body, tags }, version: story.version, updatedAt: story.updatedAt.toISOString() };
}

/** On a refused stale save, adds what the story holds now so the form can show both texts. */
async function withCurrent(state: FormState, storyId: string): Promise<FormState> {
  if (state.code !== "conflict" || !storyId) return state;
  return { ...state, current: await snapshot(storyId) };
}

/**
 * The story form's action: saves what is in the form and, depending on the button pressed,
 * moves the story on.
 */
export async function storyFormAction(_previous: FormState, form: FormData): Promise<FormState> {
  let goTo: string | null = null;
  const storyId = field(form, "storyId");
  const result = await runFormAction(async () => {
    const user = await requireUser();
    const intent = field(form, "intent") as Intent;
    if (!INTENTS.includes(intent)) throw invalid("未知的操作");
    const content = field(form, "story") !== "" ? jsonField(form, "story") : undefined;

    if (!storyId) {
      if (intent !== "save" && intent !== "submit") throw invalid("请先保存稿件");
      const created = await createStory(user, content, { submit: intent === "submit" });
      goTo = `/desk/stories/${created.id}`;
      return { message: DONE[intent], storyId: created.id, version: created.version, status: created.status };
    }
    const saved = await changeStory(user, {
      action: intent === "save" ? "edit" : intent,
      storyId,
      baseVersion: Number(field(form, "version")),
      content,
      note: field(form, "note"),
    });
    if (intent === "approve" || intent === "return" || intent === "spike" || intent === "release") goTo = "/desk/queue";
    return { message: DONE[intent], storyId: saved.id, version: saved.version, status: saved.status };
  });
  revalidatePath("/desk", "layout");
  if (result.ok && goTo) redirect(`${goTo}?done=${encodeURIComponent(result.message)}`);
  return withCurrent(result, storyId);
}

/** Saves a draft a few seconds after typing stops; a new story is created on its first autosave. */
export async function autosaveAction(storyId: string | null, baseVersion: number, content: unknown): Promise<FormState> {
  const result = await runFormAction(async () => {
    const user = await requireUser();
    const saved = storyId
      ? await changeStory(user, { action: "edit", storyId, baseVersion, content, autosave: true })
      : await createStory(user, content);
    return { message: "已自动保存", storyId: saved.id, version: saved.version, status: saved.status };
  });
  return withCurrent(result, storyId ?? "");
}

/** A lock answer; taking a lock also brings the story as it is now, so the editor never pairs a
 * new version number with old text. */
export type LockAnswer = (LockView & { version?: number; current?: Snapshot }) | { error: string };

async function lockCall(run: () => Promise<LockView & { version?: number }>, storyId?: string): Promise<LockAnswer> {
  try {
    const answer = await run();
    return storyId && answer.held ? { ...answer, current: await snapshot(storyId) } : answer;
  } catch (e) {
    return { error: failureOf(e).message };
  }
}

export async function acquireLockAction(storyId: string): Promise<LockAnswer> {
  return lockCall(async () => acquireLock(await requireUser(), storyId), storyId);
}

export async function renewLockAction(storyId: string): Promise<LockAnswer> {
  return lockCall(async () => renewLock(await requireUser(), storyId));
}

export async function takeOverLockAction(storyId: string): Promise<LockAnswer> {
  return lockCall(async () => takeOverLock(await requireUser(), storyId), storyId);
}

export async function releaseLockAction(storyId: string): Promise<void> {
  await releaseLock(await requireUser(), storyId).catch(() => undefined);
}

export async function noteAction(_: FormState, form: FormData): Promise<FormState> {
  const result = await runFormAction(async () => {
    await addNote(await requireUser(), field(form, "storyId"), field(form, "note"));
    return { message: "留言已发送" };
  });
  revalidatePath("/desk", "layout");
  return result;
}

export async function afterPublicationAction(_: FormState, form: FormData): Promise<FormState> {
  const storyId = field(form, "storyId");
  const result = await runFormAction(async () => {
    const user = await requireUser();
    const what = field(form, "what");
    const args = [user, storyId, Number(field(form, "version")), field(form, "note")] as const;
    if (what === "correct") await correctStory(...args);
    else if (what === "withdraw") await withdrawStory(...args);
    else throw invalid("未知的操作");
    refreshReaderPages();
    return { message: what === "correct" ? "更正已发布，读者页面随即更新" : "稿件已撤下，读者地址将显示“已撤稿”" };
  });
  revalidatePath("/desk", "layout");
  // The form may leave the page (a withdrawn story takes no more corrections): confirm over a redirect.
  if (result.ok) redirect(`/desk/stories/${storyId}?done=${encodeURIComponent(result.message)}`);
  return result;
}

export async function restoreRevisionAction(_: FormState, form: FormData): Promise<FormState> {
  const storyId = field(form, "storyId");
  const result = await runFormAction(async () => {
    const saved = await restoreRevision(await requireUser(), storyId, field(form, "revisionId"), Number(field(form, "version")));
    return { message: `已恢复为新的版本（第 ${saved.version} 版）`, version: saved.version };
  });
  revalidatePath("/desk", "layout");
  if (result.ok) redirect(`/desk/stories/${storyId}?done=${encodeURIComponent(result.message)}`);
  return result;
}

export async function markStoryReadAction(storyId: string): Promise<void> {
  await markRead(await requireUser(), storyId);
}
