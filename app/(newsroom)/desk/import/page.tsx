import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { can } from "@/lib/core/roles";
import { paperDay } from "@/lib/core/dates";
import { PageImport } from "@/components/desk/import/PageImport";
import { fileImportedAction, publishBackIssueAction } from "./actions";

export const metadata: Metadata = { title: "版面导入" };

export default async function PageImportPage() {
  const user = await requireCapability("desk:review");
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">版面导入</h1>
      <p className="mb-4 max-w-3xl text-sm text-stone-600">
        把一整版报纸的文字（从 PDF、电子版或旧报纸数据中复制）粘贴到下面，系统把它拆成一篇篇稿件：引题、主题、副题、署名、电头、小标题和图片说明各归其位。
        核对、合并或拆分后，可以送入待审稿件，或作为过刊版面直接见报。
      </p>
      <PageImport
        userId={user.id}
        canPublishBackIssue={can(user.role, "issue:publish")}
        lastBackIssueDay={paperDay(-1)}
        fileAsDrafts={fileImportedAction}
        publishBackIssue={publishBackIssueAction}
      />
    </>
  );
}
