import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireCapability } from "@/lib/core/session";
import { DomainError } from "@/lib/core/errors";
import { formatIssueDate, formatMomentExact } from "@/lib/core/dates";
import { photoDetail } from "@/lib/photos/library";
import { PhotoForm } from "@/components/desk/photos/PhotoForm";
import { StatusBadge } from "@/components/desk/StatusBadge";
import { updatePhotoAction } from "../actions";
import { pageLabel } from "@/lib/format";

export const metadata: Metadata = { title: "图片" };

type Props = { params: Promise<{ id: string }> };

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

export default async function PhotoPage({ params }: Props) {
  const user = await requireCapability("story:file");
  const { id } = await params;
  const photo = await photoDetail(user, id).catch((e) => {
    if (e instanceof DomainError && e.code === "not_found") notFound();
    throw e;
  });
  const facts: [string, string][] = [
    ["拍摄时间", photo.takenAt ? `${formatMomentExact(photo.takenAt)}（北京时间，${photo.takenAt.getUTCFullYear()}年）` : "文件中没有记录"],
    ["相机", photo.camera || "文件中没有记录"],
    ["尺寸", `${photo.width}×${photo.height}，${sizeText(photo.bytes)}，${photo.mimeType.replace("image/", "").toUpperCase()}`],
    ["上传", `${photo.uploaderName}，${formatMomentExact(photo.createdAt)}`],
    ["摄影（署名所指）", photo.photographer?.name ?? "—"],
  ];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/desk/photos" className="text-masthead underline">← 图片库</Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">{photo.caption ? photo.caption.slice(0, 40) : "未加说明的图片"}</h1>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div>
          {/* No style attribute (the CSP forbids inline styles): width and height keep the space. */}
          <div className="overflow-hidden rounded border border-stone-300 bg-stone-100">
            <img src={`/api/photos/${photo.id}/w1600`} alt={photo.altText || photo.caption || "图片"} width={photo.width} height={photo.height} className="h-auto w-full" />
          </div>
          <section aria-labelledby="facts" className="mt-4">
            <h2 id="facts" className="mb-2 font-bold">文件信息</h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              {facts.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-stone-600">{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-labelledby="sizes" className="mt-4">
            <h2 id="sizes" className="mb-2 font-bold">尺寸</h2>
            <ul className="text-sm">
              {photo.sizes.map((s) => (
                <li key={s.name}>
                  <a href={s.url} className="text-masthead underline">{s.label}</a> {s.width}×{s.height}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="uses" className="mt-4">
            <h2 id="uses" className="mb-2 font-bold">刊用情况</h2>
            {photo.uses.length === 0 ? (
              <p className="text-sm text-stone-600">还没有稿件用过这张图片。</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {photo.uses.map((u) => (
                  <li key={u.storyId} className="flex flex-wrap items-center gap-2">
                    <Link href={`/desk/stories/${u.storyId}`} className="underline">{u.headline}</Link>
                    <StatusBadge status={u.status} />
                    {u.issueDate && u.pageNumber !== null && <span className="text-stone-600">{formatIssueDate(u.issueDate, false)} {pageLabel(u.pageNumber)} {u.pageName}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <section aria-labelledby="words">
          <h2 id="words" className="mb-2 font-bold">说明与署名</h2>
          {photo.editable ? (
            <PhotoForm
              action={updatePhotoAction}
              photoId={photo.id}
              version={photo.version}
              values={{ caption: photo.caption, credit: photo.credit, altText: photo.altText, keywords: photo.keywords.join("、"), place: photo.place, event: photo.event }}
            />
          ) : (
            <div className="text-sm">
            <dl className="space-y-2">
              {[["图片说明", photo.caption], ["署名", photo.credit], ["关键词", photo.keywords.join("、")], ["地点", photo.place], ["事件", photo.event], ["替代文字", photo.altText]].map(([k, v]) => (
                <div key={k}>
                  <dt className="text-stone-600">{k}</dt>
                  <dd className="whitespace-pre-line">{v || "—"}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-2 text-stone-600">只有上传者和编辑可以修改。</p>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
