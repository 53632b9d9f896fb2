"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { changeStory, createStory } from "@/lib/stories/mutations";
import { runFormAction } from "@/lib/actions/run-form-action";
import type { FormState } from "@/lib/actions/form-state";
import { field, jsonField } from "@/lib/actions/form-data";
import { invalid } from "@/lib/errors";

const INTENTS = ["save", "submit", "approve", "return", "spike", "restore"] as const;
type Intent = (typeof INTENTS)[number];

const DONE: Record<Intent, string> = {
  save: "已保存",
  submit: "已提交，等待编辑审稿",
  approve: "已通过，可以上版",
  return: "已退回给作者",
  spike: "已弃用",
  restore: "已恢复到待审",
};

/**
 * The story form's one action: saves what is in the form and, depending on the button pressed,
 * moves the story on. The session and every permission are checked inside lib/stories.
 */
export async function storyFormAction(_previous: FormState, form: FormData): Promise<FormState> {
  let goTo: string | null = null;
  const result = await runFormAction(async () => {
    const user = await requireUser();
    const intent = field(form, "intent") as Intent;
    if (!INTENTS.includes(intent)) throw invalid("未知的操作");
    const storyId = field(form, "storyId");
    const hasContent = field(form, "story") !== "";
    const content = hasContent ? jsonField(form, "story") : undefined;

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
    if (intent === "approve" || intent === "return" || intent === "spike") goTo = "/desk/queue";
    return { message: DONE[intent], storyId: saved.id, version: saved.version, status: saved.status };
  });
  revalidatePath("/desk", "layout");
  if (result.ok && goTo) redirect(`${goTo}?done=${encodeURIComponent(result.message)}`);
  return result;
}
