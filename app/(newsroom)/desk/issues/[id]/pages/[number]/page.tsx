import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/core/session";
import { proofPageView } from "@/lib/issues/proof";
import { PrintedPage } from "@/components/page/PrintedPage";
import { ActionForm } from "@/components/desk/ActionForm";
import { can } from "@/lib/core/roles";
import { sendForSignOffAction, signPageAction } from "../../../actions";
import { pageLabel } from "@/lib/format";
import { proofingFor } from "@/lib/proofing/rounds";
import { ProofingPanel } from "@/components/desk/proofing/ProofingPanel";
import { applyMarkAction, closeRoundAction, keepMarkAction, markTextAction, openRoundAction } from "../../../proofing-actions";

const proofingActions = { openRound: openRoundAction, closeRound: closeRoundAction, markText: markTextAction, applyMark: applyMarkAction, keepMark: keepMarkAction };

export const metadata: Metadata = { title: "大样" };

type Props = { params: Promise<{ id: string; number: string }> };

// 大样: the page exactly as readers will get it, before release. Who may see it, and what of it, is
// pageAccess in lib/issues/access.ts; anyone else gets "not found".
export default async function ProofPage({ params }: Props) {
  const user = await requireUser();
  const { id, number } = await params;
  const view = /^\d{1,2}$/.test(number) ? await proofPageView(user, id, Number(number)) : null;
  if (!view) notFound();
  const at = { pageId: view.pageId, version: String(view.layout.page.version) };
  const { status } = view.layout.page;
  // 签版 is the chief editor's, from this proof; an editor sends a finished page here for it.
  const actions = (
    <>
      {can(user.role, "issue:publish") && status !== "SIGNED" && (
        <ActionForm action={signPageAction} hidden={at} confirm={`签发${pageLabel(view.layout.page.number)}大样？签版后再有改动会回到待签。`}>
          <button type="submit" className="btn-primary btn-sm">签版</button>
        </ActionForm>
      )}
      {can(user.role, "issue:assemble") && !can(user.role, "issue:publish") && status === "COMPOSING" && (
        <ActionForm action={sendForSignOffAction} hidden={at}>
          <button type="submit" className="btn btn-sm">送值班总编签版</button>
        </ActionForm>
      )}
    </>
  );
  // 三校 beside the proof, for the 校对 who mark it and the desk that answers the marks.
  const proofing = await proofingFor(user, view.pageId);
  return (
    <>
      <PrintedPage view={view} mode="proof" actions={actions} />
      {proofing && (
        <ProofingPanel
          view={proofing}
          signed={status === "SIGNED"}
          mayMark={can(user.role, "page:proofread")}
          mayResolve={can(user.role, "issue:assemble")}
          actions={proofingActions}
        />
      )}
    </>
  );
}
