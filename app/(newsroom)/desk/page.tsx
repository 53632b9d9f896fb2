import { redirect } from "next/navigation";
import { requireUser } from "@/lib/core/session";
import { can } from "@/lib/core/roles";

// Each role starts where its work is.
export default async function DeskHome() {
  const user = await requireUser();
  if (can(user.role, "desk:review")) redirect("/desk/queue");
  if (can(user.role, "account:manage")) redirect("/desk/admin");
  if (can(user.role, "page:proofread")) redirect("/desk/proofing");
  redirect("/desk/stories");
}
