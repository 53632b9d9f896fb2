import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit";
import { conflict, forbidden, invalid, notFound } from "@/lib/errors";
import { completenessErrors, fieldErrorsOf, storyDraft, type StoryDraft } from "@/lib/validation/story";
import { decide, type StoryAction, type StoryStatus } from "@/lib/stories/workflow";
import { attachPhotos, resolveTags, storyColumns } from "@/lib/stories/content";
import { recordRevision } from "@/lib/stories/revisions";
import { z } from "zod";

export type SavedStory = { id: string; version: number; status: StoryStatus };

/** Parses untrusted form input into a draft, or throws field errors in Chinese. */
export function parseDraft(input: unknown): StoryDraft {
  const parsed = storyDraft.safeParse(input);
  if (!parsed.success) throw invalid("稿件内容有误，请按提示修改", fieldErrorsOf(parsed.error));
  return parsed.data;
}

function requireComplete(draft: StoryDraft) {
  const errors = completenessErrors(draft);
  if (Object.keys(errors).length > 0) throw invalid("稿件还不完整，请按提示补充后再提交", errors);
}

/** Files a new story as a draft, or straight into the desk's queue when `submit` is set. */
export async function createStory(actor: SessionUser, input: unknown, { submit = false } = {}): Promise<SavedStory> {
  if (!can(actor.role, "story:file")) throw forbidden("你的账号不能撰写稿件");
  const draft = parseDraft(input);
  if (submit) requireComplete(draft);
  return db().$transaction(async (tx) => {
    const tags = await resolveTags(tx, draft.tags);
    const now = new Date();
    const story = await tx.story.create({
      data: {
        ...storyColumns(draft),
        authorId: actor.id,
        tags: { connect: tags },
        ...(submit ? { status: "SUBMITTED" as const, submittedAt: now } : {}),
      },
      select: { id: true, version: true, status: true },
    });
    await attachPhotos(tx, actor, story.id, draft);
    await recordRevision(tx, { storyId: story.id, version: story.version, status: story.status, action: submit ? "submit" : "create", actorId: actor.id, draft });
    await recordAudit(tx, {
      actorId: actor.id,
      action: submit ? "story.create_and_submit" : "story.create",
      targetType: "story",
      targetId: story.id,
      summary: { headline: draft.headline, kind: draft.kind, status: story.status },
    });
    return story;
  });
}

const transitionInput = z.object({
  storyId: z.string().min(1).max(40),
  baseVersion: z.coerce.number().int().min(1),
  note: z.string().trim().max(2000, { message: "意见不能超过 2000 字" }).default(""),
});

type TransitionOptions = {
  action: Exclude<StoryAction, "place" | "unplace" | "publish">;
  storyId: string;
  baseVersion: number;
  /** New content saved together with the action (the editor's form), if any. */
  content?: unknown;
  note?: string;
};

/**
 * The one way a story changes in the back office: saves its content and/or moves it through the
 * workflow, in one transaction, only if the workflow table allows it and nobody saved in between.
 */
export async function changeStory(actor: SessionUser, options: TransitionOptions): Promise<SavedStory> {
  const parsed = transitionInput.safeParse(options);
  if (!parsed.success) throw invalid("请求有误", fieldErrorsOf(parsed.error));
  const { storyId, baseVersion, note } = parsed.data;
  const { action } = options;
  const draft = options.content === undefined ? undefined : parseDraft(options.content);
  if (action === "return" && !note) throw invalid("退回稿件时请写明修改意见", { note: ["请写明退回原因或修改意见"] });

  return db().$transaction(async (tx) => {
    const story = await tx.story.findUnique({
      where: { id: storyId },
      select: { id: true, status: true, authorId: true, version: true, kind: true, kicker: true, headline: true, subheadline: true, byline: true, dateline: true, body: true, tags: { select: { name: true, kind: true } } },
    });
    // A story the actor may not even see is reported as missing, not as forbidden.
    if (!story || (story.authorId !== actor.id && story.status === "DRAFT")) throw notFound();
    if (draft) {
      const canEdit = decide("edit", story, actor);
      if (!canEdit.allowed) throw forbidden(canEdit.reason);
    }
    const decision = decide(action, story, actor);
    if (!decision.allowed) throw forbidden(decision.reason);
    if (story.version !== baseVersion) throw staleVersion();

    // What the story will hold after this change, checked for completeness when it moves forward.
    const content: StoryDraft = draft ?? currentDraft(story);
    if (action === "submit" || action === "approve") requireComplete(content);

    const now = new Date();
    const updated = await tx.story.updateMany({
      where: { id: storyId, version: baseVersion },
      data: {
        ...(draft ? storyColumns(draft) : {}),
        status: decision.to,
        version: { increment: 1 },
        ...(action === "submit" ? { submittedAt: now } : {}),
        ...(action === "approve" ? { approvedAt: now } : {}),
      },
    });
    if (updated.count !== 1) throw staleVersion();
    if (draft) {
      const tags = await resolveTags(tx, draft.tags);
      await tx.story.update({ where: { id: storyId }, data: { tags: { set: tags } } });
      await attachPhotos(tx, actor, storyId, draft);
    }
    if (note) {
      await tx.storyNote.create({ data: { storyId, authorId: actor.id, kind: action === "return" ? "RETURN" : "COMMENT", body: note } });
    }
    const version = baseVersion + 1;
    await recordRevision(tx, { storyId, version, status: decision.to, action, actorId: actor.id, draft: content });
    await recordAudit(tx, {
      actorId: actor.id,
      action: `story.${action}`,
      targetType: "story",
      targetId: storyId,
      summary: { from: story.status, to: decision.to, version, ...(note ? { note } : {}), ...(draft ? { headline: draft.headline } : {}) },
    });
    return { id: storyId, version, status: decision.to };
  });
}

function staleVersion() {
  return conflict("这篇稿件已被他人修改。你的内容没有保存，也没有覆盖别人的修改：请复制你的改动后重新载入。");
}

type StoryRow = Pick<StoryDraft, "kicker" | "headline" | "subheadline" | "byline" | "dateline"> & {
  kind: StoryDraft["kind"];
  body: unknown;
  tags: { name: string; kind: "PLACE" | "TOPIC" }[];
};

function currentDraft(story: StoryRow): StoryDraft {
  return parseDraft({ ...story, tags: story.tags });
}
