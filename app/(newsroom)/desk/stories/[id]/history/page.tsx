import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/core/session";
import { compareRevisions, listRevisions } from "@/lib/stories/history";
import { allowedActions, revisionLabel, STATUS_LABELS } from "@/lib/stories/workflow";
import { DomainError } from "@/lib/core/errors";
import { DiffView } from "@/components/desk/DiffView";
import { ActionForm } from "@/components/desk/ActionForm";
import { restoreRevisionAction } from "../../actions";
import { formatMoment } from "@/lib/core/dates";
import { reviewOf } from "@/lib/stories/reviews";
import { ReviewChain } from "@/components/desk/ReviewChain";

export const metadata: Metadata = { title: "历史版本" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ a?: string; b?: string }> };

export default async function HistoryPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const { a, b } = await searchParams;
  const { story, revisions } = await listRevisions(user, id).catch((e) => {
    if (e instanceof DomainError && e.code === "not_found") notFound();
    throw e;
  });
  // By default compare the newest revision with the one before it.
  const newer = b ?? revisions[0]?.id;
  const older = a ?? revisions[1]?.id;
  const parts = older && newer && older !== newer ? await compareRevisions(user, id, older, newer).catch(() => null) : null;
  const canRestore = allowedActions(story, user).includes("edit");
  const chain = await reviewOf(user, id);
  const label = (revId?: string) => {
    const r = revisions.find((x) => x.id === revId);
    return r ? `第 ${r.version} 版 · ${revisionLabel(r.action)} · ${r.actorName} · ${formatMoment(r.createdAt)}` : "";
  };
  return (
    <>
      <p className="mb-2 text-sm"><Link href={`/desk/stories/${id}`} className="text-masthead hover:underline">← 返回稿件</Link></p>
      <h1 className="mb-4 text-2xl font-bold">历史版本：{story.headline || "（无标题）"}</h1>
      {/* The radios belong to this form through their form attribute, so restore forms can sit in the rows. */}
      {chain && <div className="mb-6"><ReviewChain storyId={id} review={chain.review} revisions={chain.revisions} /></div>}
      <form id="compare" method="get" />
      <div className="mb-6 overflow-x-auto rounded border border-stone-300 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-stone-100 text-left text-stone-600">
            <tr>
              <th scope="col" className="px-3 py-2">旧</th>
              <th scope="col" className="px-3 py-2">新</th>
              <th scope="col" className="px-3 py-2">版本</th>
              <th scope="col" className="px-3 py-2">操作</th>
              <th scope="col" className="px-3 py-2">状态</th>
              <th scope="col" className="px-3 py-2">操作人</th>
              <th scope="col" className="px-3 py-2">时间</th>
              <th scope="col" className="px-3 py-2">字数</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">恢复</span></th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.id} className="border-t border-stone-200">
                <td className="px-3 py-2"><input type="radio" form="compare" name="a" value={r.id} defaultChecked={r.id === older} aria-label={`作为旧版本：第 ${r.version} 版`} /></td>
                <td className="px-3 py-2"><input type="radio" form="compare" name="b" value={r.id} defaultChecked={r.id === newer} aria-label={`作为新版本：第 ${r.version} 版`} /></td>
                <td className="px-3 py-2 tabular-nums">第 {r.version} 版</td>
                <td className="px-3 py-2">{revisionLabel(r.action)}</td>
                <td className="px-3 py-2">{STATUS_LABELS[r.status]}</td>
                <td className="px-3 py-2">{r.actorName}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatMoment(r.createdAt)}</td>
                <td className="px-3 py-2 tabular-nums">{r.charCount}</td>
                <td className="px-3 py-2">
                  {canRestore && r.id !== revisions[0]?.id && (
                    <ActionForm action={restoreRevisionAction} hidden={{ storyId: id, revisionId: r.id, version: String(story.version) }}>
                      <button type="submit" className="btn btn-sm" aria-label={`恢复第 ${r.version} 版`}>恢复此版</button>
                    </ActionForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="border-t border-stone-200 p-3">
          <button type="submit" form="compare" className="btn">对比所选版本</button>
        </div>
      </div>
      {parts ? (
        <DiffView parts={parts} leftTitle={label(older)} rightTitle={label(newer)} />
      ) : (
        <p className="text-stone-600">{revisions.length < 2 ? "只有一个版本，暂无可对比的内容。" : "请选择两个不同的版本进行对比。"}</p>
      )}
    </>
  );
}
