"use server";

import { z } from "zod";
import { requireUser } from "@/lib/core/session";
import { addNote, changeStory, correctStory, createStory, restoreRevision, withdrawStory } from "@/lib/desk/story-commands";
import { acquireLock, releaseLock, renewLock, takeOverLock } from "@/lib/stories/locks";
import type { LockAnswer } from "@/components/desk/story-editor/calls";
import { getStoryForEdit, whoSaved } from "@/lib/stories/queries";
import { markRead } from "@/lib/inbox/queries";
import { deskAction, deskCall, recordId, versionNumber } from "@/lib/actions/desk-action";
import type { FormState } from "@/lib/actions/form-state";
import { invalid } from "@/lib/core/errors";
import { contentOf } from "@/lib/stories/schema";
import { actionRow, FORM_ACTIONS, type FormStoryAction } from "@/lib/stories/workflow";
import { rateStory, readRatingForm } from "@/lib/fees/ratings";

// Thin wrappers: each declares the shape of its input and hands over to lib/stories, which checks
// who may do what. Saves and notes carry the browser's key for the request (requestKey): a retry
// after a lost answer gets the first attempt's answer (lib/stories/request-keys.ts).

// The form's buttons are the workflow table's (lib/stories/workflow.ts); "save" is its edit.
const INTENTS = ["save", ...FORM_ACTIONS.filter((a) => a !== "edit")] as const;
type Intent = "save" | Exclude<FormStoryAction, "edit">;
const actionOf = (intent: Intent): FormStoryAction => (intent === "save" ? "edit" : intent);
const DONE = (intent: Intent) => actionRow(actionOf(intent)).done ?? "已保存";

/** The story's content travels as JSON in one field; lib/stories validates what is inside. */
const storyJson = z.string().transform((s, ctx) => {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "稿件内容格式不正确，请刷新页面后再试" });
    return z.NEVER;
  }
});

type Snapshot = NonNullable<FormState["current"]>;

/** What the story holds now, for the form to compare with what the user has. */
async function snapshot(storyId: string): Promise<Snapshot | undefined> {
  const user = await requireUser();
  const story = await getStoryForEdit(user, storyId).catch(() => null);
  if (!story) return undefined;
  const saver = await whoSaved(story);
  return {
    content: contentOf(story),
    version: story.version,
    updatedAt: story.updatedAt.toISOString(),
    // The same person in another window is not "someone else": the form says which it was.
    savedBy: saver ? { name: saver.name, you: saver.id === user.id } : null,
  };
}

/** On a refused stale save, adds what the story holds now so the form can show both texts. */
async function withCurrent(state: FormState, storyId: string | null | undefined): Promise<FormState> {
  if ((state.code !== "conflict" && state.code !== "locked") || !storyId) return state;
  return { ...state, current: await snapshot(storyId) };
}

/**
 * The story form's action: saves what is in the form and, depending on the button pressed,
 * moves the story on.
 */
export const storyFormAction = deskAction(
  z.object({
    storyId: recordId.optional().or(z.literal("")),
    intent: z.enum(INTENTS as readonly Intent[] as [Intent, ...Intent[]]),
    version: versionNumber.optional(),
    story: storyJson.optional(),
    note: z.string().default(""),
    // 退回修改 goes to the author, or with a step named here, back to that step of the review chain.
    backTo: z.enum(["FIRST", "SECOND"]).optional().or(z.literal("")),
    slot: recordId.optional(),
    // The form began as a new story: its address changed under it, so an answer must bring the story's own page.
    opened: z.literal("new").optional(),
    requestKey: z.string(),
  }),
  async ({ storyId, intent, version, story, note, backTo, slot, opened, requestKey }, user) => {
    if (!storyId) {
      if (intent !== "save" && intent !== "submit") throw invalid("请先保存稿件");
      const created = await createStory(user, story, { submit: intent === "submit", slotId: slot, requestKey });
      return { message: DONE(intent), storyId: created.id, version: created.version, status: created.status, redirectTo: `/desk/stories/${created.id}` };
    }
    const action = intent === "return" && backTo ? "sendBack" : actionOf(intent);
    const saved = await changeStory(user, { action, storyId, baseVersion: version ?? -1, content: story, note, backTo: backTo || undefined, requestKey });
    const redirectTo = actionRow(action).leavesQueue ? "/desk/queue" : opened ? `/desk/stories/${saved.id}` : undefined;
    return { message: actionRow(action).done ?? "已保存", storyId: saved.id, version: saved.version, status: saved.status, redirectTo };
  },
  { onRefused: (state, input) => withCurrent(state, input?.storyId) },
);

/** Saves a draft a few seconds after typing stops; a new story is created on its first autosave. */
export const autosaveAction = deskCall(
  z.tuple([recordId.nullable(), versionNumber, z.unknown(), recordId.nullable(), z.string()]),
  async (user, storyId, baseVersion, content, slotId, requestKey): Promise<FormState> => {
    const saved = storyId
      ? await changeStory(user, { action: "edit", storyId, baseVersion, content, autosave: true, requestKey })
      : await createStory(user, content, { slotId: slotId ?? undefined, requestKey });
    return { ok: true, fieldErrors: {}, at: Date.now(), message: "已自动保存", storyId: saved.id, version: saved.version, status: saved.status };
  },
  (failure, input) => withCurrent({ ok: false, at: Date.now(), ...failure }, input?.[0]),
);


const oneStory = z.tuple([recordId]);
const lockRefused = (failure: { message: string }): LockAnswer => ({ error: failure.message });

/** Taking a lock also brings the story as it is now, so the editor never pairs a new version number with old text. */
function withStoryIfHeld(take: typeof acquireLock) {
  return deskCall(
    oneStory,
    async (user, storyId): Promise<LockAnswer> => {
      const answer = await take(user, storyId);
      return answer.held ? { ...answer, current: await snapshot(storyId) } : answer;
    },
    lockRefused,
  );
}

export const acquireLockAction = withStoryIfHeld(acquireLock);
export const takeOverLockAction = withStoryIfHeld(takeOverLock);
export const renewLockAction = deskCall(oneStory, (user, storyId): Promise<LockAnswer> => renewLock(user, storyId), lockRefused);

export const releaseLockAction = deskCall(oneStory, (user, storyId) => releaseLock(user, storyId), () => undefined);

export const markStoryReadAction = deskCall(
  oneStory,
  async (user, storyId) => {
    await markRead(user, { storyId });
  },
  () => undefined,
);

export const noteAction = deskAction(z.object({ storyId: recordId, note: z.string(), requestKey: z.string() }), async ({ storyId, note, requestKey }, user) => {
  await addNote(user, storyId, note, requestKey);
  return { message: "留言已发送" };
});

export const afterPublicationAction = deskAction(
  z.object({ storyId: recordId, version: versionNumber, what: z.enum(["correct", "withdraw"]), note: z.string() }),
  async ({ storyId, version, what, note }, user) => {
    if (what === "correct") await correctStory(user, storyId, version, note);
    else await withdrawStory(user, storyId, version, note);
    // The form leaves the page (a withdrawn story takes no more corrections): confirm over a redirect.
    return {
      message: what === "correct" ? "更正已发布，读者页面随即更新" : "稿件已撤下，读者地址将显示“已撤稿”",
      redirectTo: `/desk/stories/${storyId}`,
    };
  },
);

export const restoreRevisionAction = deskAction(
  z.object({ storyId: recordId, revisionId: recordId, version: versionNumber }),
  async ({ storyId, revisionId, version }, user) => {
    const saved = await restoreRevision(user, storyId, revisionId, version);
    return { message: `已恢复为新的版本（第 ${saved.version} 版）`, version: saved.version, redirectTo: `/desk/stories/${storyId}` };
  },
);

/** 稿件评级: grade, 重点稿, 转载 (lib/fees/ratings.ts checks who may and which copy). */
export const rateStoryAction = deskAction(
  z.object({ storyId: recordId, grade: z.string().default(""), keyPiece: z.string().optional(), reprint: z.string().optional() }),
  async (input, user) => {
    await rateStory(user, input.storyId, readRatingForm(input));
    return { message: "评级已更新" };
  },
);
