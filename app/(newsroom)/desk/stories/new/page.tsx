import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { listTags } from "@/lib/stories/queries";
import { StoryEditor } from "@/components/desk/StoryEditor";
import { defaultByline, defaultCredit } from "@/lib/stories/byline";
import { emptyBody } from "@/lib/validation/story";
import { storyEditorCalls } from "../editor-calls";

export const metadata: Metadata = { title: "写新稿" };

export default async function NewStoryPage() {
  const user = await requireCapability("story:file");
  const tags = await listTags(user);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">写新稿</h1>
      <StoryEditor
        story={{
          id: null,
          version: 1,
          kind: "NEWS_BRIEF",
          kicker: "",
          headline: "",
          subheadline: "",
          byline: defaultByline(user),
          dateline: "",
          body: emptyBody(),
          tags: [],
          updatedAt: null,
        }}
        actions={["edit", "submit"]}
        server={storyEditorCalls}
        canTakeOver={false}
        allTags={tags}
        defaultCredit={defaultCredit(user)}
      />
    </>
  );
}
