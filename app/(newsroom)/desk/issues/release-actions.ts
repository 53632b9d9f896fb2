"use server";

import { z } from "zod";
import { deskAction, recordId } from "@/lib/actions/desk-action";
import { holdRelease, releaseNow, scheduleRelease } from "@/lib/issues/release";
import { formatMomentExact } from "@/lib/core/dates";

// The release panel's actions (components/desk/ReleasePanel.tsx). Thin: lib/issues/release.ts
// checks who is asking and whether the issue may go out.

export const releaseNowAction = deskAction(z.object({ issueId: recordId }), async ({ issueId }, user) => {
  const { storyIds } = await releaseNow(user, issueId);
  return { message: `已签发见报，共 ${storyIds.length} 篇稿件`, redirectTo: `/desk/issues/${issueId}` };
});

export const scheduleReleaseAction = deskAction(
  z.object({ issueId: recordId, publishAt: z.string().default("") }),
  async ({ issueId, publishAt }, user) => {
    const scheduled = await scheduleRelease(user, issueId, publishAt);
    // An early time is taken (a chief editor may mean it), and said.
    return { message: `已定时：北京时间 ${formatMomentExact(scheduled.publishAt)} 见报${scheduled.early ? `（${scheduled.early}）` : ""}` };
  },
);

export const holdReleaseAction = deskAction(z.object({ issueId: recordId }), async ({ issueId }, user) => {
  await holdRelease(user, issueId);
  return { message: "已暂缓，本期回到组版中" };
});
