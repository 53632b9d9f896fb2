import type { Metadata } from "next";
import { env } from "@/lib/platform/env";
import { requireCapability } from "@/lib/core/session";
import { listTags } from "@/lib/stories/queries";
import { StoryEditor } from "@/components/desk/StoryEditor";
import { accountCredit } from "@/lib/contributors/byline";
import { emptyBody, emptyHead } from "@/lib/stories/schema";
import { storyEditorCalls } from "../editor-calls";
import { assignmentToWrite } from "@/lib/issues/assignments";
import { formatIssueDate, formatMoment } from "@/lib/core/dates";
import { WORD_FILE_MAX_BYTES } from "@/lib/import/word-file";
import { pageLabel } from "@/lib/format";

export const metadata: Metadata = { title: "写新稿" };

export default async function NewStoryPage({ searchParams }: { searchParams: Promise<{ slot?: string }> }) {
  const user = await requireCapability("story:file");
  const [tags, assignment] = await Promise.all([listTags(user), assignmentToWrite(user, (await searchParams).slot)]);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">写新稿</h1>
      {assignment && (
        <p role="note" className="mb-4 rounded border border-amber-400 bg-amber-50 p-3 text-sm">
          为约稿“{assignment.topic}”写稿：约 {assignment.targetLength ?? "?"} 字，{formatIssueDate(assignment.issue.date, false)}{pageLabel(assignment.page.number)}{assignment.page.name}
          {assignment.deadline && `，截稿 ${formatMoment(assignment.deadline)}（北京时间）`}。通过后稿件直接进入这块版面。
        </p>
      )}
      <StoryEditor
        story={{
          id: null,
          version: 1,
          kind: "NEWS_BRIEF",
          // Nobody is credited until someone is named (the byline too is empty): the filer is often not
          // the author (通讯员 filing a colleague's copy, an editor typing a phoned-in story). The form
          // offers the filer's name.
          ...emptyHead(),
          contributors: [],
          bylineEdited: false,
          body: emptyBody(),
          tags: [],
          updatedAt: null,
        }}
        actions={["edit", "submit"]}
        server={storyEditorCalls}
        slotId={assignment?.slotId}
        canTakeOver={false}
        allTags={tags}
        photoMaxBytes={env().PHOTO_MAX_BYTES}
        wordFileMaxBytes={WORD_FILE_MAX_BYTES}
        filer={accountCredit(user)}
      />
    </>
  );
}
