import { STATUS_LABELS, type StoryStatus } from "@/lib/stories/workflow";

const COLORS: Record<StoryStatus, string> = {
  DRAFT: "bg-stone-100 text-stone-700",
  SUBMITTED: "bg-blue-100 text-blue-800",
  IN_EDIT: "bg-indigo-100 text-indigo-800",
  RETURNED: "bg-amber-100 text-amber-900",
  APPROVED: "bg-green-100 text-green-800",
  PLACED: "bg-teal-100 text-teal-800",
  PUBLISHED: "bg-red-100 text-red-800",
  SPIKED: "bg-stone-300 text-stone-700",
  WITHDRAWN: "bg-stone-300 text-stone-700",
};

export function StatusBadge({ status }: { status: StoryStatus }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${COLORS[status]}`}>{STATUS_LABELS[status]}</span>;
}
