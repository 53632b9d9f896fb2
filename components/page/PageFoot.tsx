import type { PagePlan } from "@/lib/issues/layout";

// The page foot's credits as printed: 责任编辑, 美术编辑, 校对; a role nobody filled is left out.
const CREDIT_ROLES = [
  ["editor", "责任编辑"],
  ["designer", "美术编辑"],
  ["proofreader", "校对"],
] as const;

export function PageFoot({ credits }: { credits: PagePlan["credits"] }) {
  const named = CREDIT_ROLES.filter(([key]) => credits[key].trim());
  if (named.length === 0) return null;
  return (
    <p className="page-foot mt-4 border-t border-stone-400 pt-2 text-right text-xs text-stone-700">
      {named.map(([key, label]) => (
        <span key={key} className="ml-4 first:ml-0">
          {label} {credits[key]}
        </span>
      ))}
    </p>
  );
}
