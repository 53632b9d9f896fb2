"use client";

import { ActionForm } from "@/components/desk/ActionForm";
import type { FormAction } from "@/lib/actions/form-state";
import type { ReleaseView } from "@/lib/issues/release";
import { earlyReleaseWarning } from "@/lib/issues/release-timing";
import { useState } from "react";
import { MomentField } from "@/components/DateField";

// 见报 for one issue: where it stands, what still stops it, and for the chief editor on duty the
// buttons: 立即见报, 定时见报 (改期 once scheduled) and 暂缓. Times are Beijing wall-clock times
// written by the server; the field's text is sent as typed, so the browser's zone never enters.
export function ReleasePanel({
  release,
  actions,
}: {
  release: ReleaseView;
  actions: { releaseNow: FormAction; schedule: FormAction; hold: FormAction };
}) {
  const { issueId, status, publishAt, publishedAt, defaultPublishAt, problems, mayRelease } = release;
  const prefill = publishAt ?? defaultPublishAt;
  const [typed, setTyped] = useState<string | null>(null);
  const scheduleWarning = earlyReleaseWarning(release.issueDate, typed ?? prefill.value);
  const nowWarning = earlyReleaseWarning(release.issueDate, release.now);
  return (
    <section aria-labelledby="release-title" className="w-full rounded border border-stone-300 bg-white p-4">
      <h2 id="release-title" className="mb-1 font-bold">见报</h2>
      <p className="text-sm" data-testid="release-state">
        {status === "PUBLISHED" && <>已见报{publishedAt && `，北京时间 ${publishedAt}`}</>}
        {status === "SCHEDULED" && publishAt && (
          <>
            定时见报：北京时间 {publishAt.text}
            {/* A job that failed (the database away) is retried for up to an hour: say so here. */}
            {publishAt.past && "（时间已过，尚未见报）"}
          </>
        )}
        {status === "PLANNING" && (
          <>
            组版中。按报社设置，本期于北京时间 {defaultPublishAt.text} 见报{defaultPublishAt.past && "（该时间已过）"}
          </>
        )}
      </p>
      {problems.length > 0 && (
        <div className="mt-2 text-sm text-amber-900" data-testid="release-problems">
          还不能见报：
          <ul className="list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {mayRelease && status !== "PUBLISHED" && (
        <div className="mt-3 flex flex-wrap items-end gap-4">
          <ActionForm
            action={actions.releaseNow}
            hidden={{ issueId }}
            confirm={`${nowWarning ? `现在见报${nowWarning}。\n` : ""}立即见报后，本期所有稿件将对读者公开。确定吗？`}
          >
            <button type="submit" className="btn-primary">立即见报</button>
          </ActionForm>
          <ActionForm action={actions.schedule} hidden={{ issueId }} className="flex flex-wrap items-end gap-2">
            <label className="block">
              <span className="label">见报时间（北京时间）</span>
              {/* Seconds may be typed (20:30:15): a release can be set a few seconds ahead. */}
              <MomentField
                key={prefill.value}
                name="publishAt"
                label="见报时间（北京时间）"
                required
                defaultValue={prefill.value}
                onValue={setTyped}
                describedBy={scheduleWarning ? "release-early" : undefined}
              />
            </label>
            <button type="submit" className="btn">{status === "SCHEDULED" ? "改期" : "定时见报"}</button>
            {scheduleWarning && (
              <p id="release-early" className="basis-full text-sm text-amber-900">
                这个时间{scheduleWarning}。
              </p>
            )}
          </ActionForm>
          {status === "SCHEDULED" && (
            <ActionForm action={actions.hold} hidden={{ issueId }} confirm="暂缓后本期不会按时见报，回到组版中。确定吗？">
              <button type="submit" className="btn">暂缓</button>
            </ActionForm>
          )}
        </div>
      )}
    </section>
  );
}
