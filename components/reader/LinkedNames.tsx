import Link from "next/link";
import type { ReaderCredit } from "@/lib/stories/content";

/**
 * A printed credit line with each credited person's name linking to their reader page
 * (本报记者 <骆晓飞> 通讯员 <孙桢怡>, <易跃跃> 摄). The filing account is never shown here.
 */
export function LinkedNames({ text, people, testId }: { text: string; people: readonly ReaderCredit[]; testId?: string }) {
  // Longest first, so 李明 is not linked inside 李明远.
  const named = [...new Map(people.map((c) => [c.name, c])).values()]
    .filter((c) => text.includes(c.name))
    .sort((a, b) => b.name.length - a.name.length);
  if (named.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${named.map((c) => c.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "u");
  const bySlug = new Map(named.map((c) => [c.name, c.slug]));
  return (
    <span data-testid={testId}>
      {text.split(pattern).map((part, i) =>
        bySlug.has(part) ? (
          <Link key={i} href={`/authors/${bySlug.get(part)}`} className="underline decoration-stone-300 underline-offset-2 hover:text-masthead">
            {part}
          </Link>
        ) : (
          part
        ),
      )}
    </span>
  );
}

/** The story's byline: everyone it credits may be named in it. */
export function Byline({ byline, credits }: { byline: string; credits: readonly ReaderCredit[] }) {
  return <LinkedNames text={byline} people={credits} testId="byline" />;
}

/** A photo's credit line (易跃跃 摄): only the story's photographers are linked in it. */
export function PhotoCredit({ credit, credits }: { credit: string; credits: readonly ReaderCredit[] }) {
  return <LinkedNames text={credit} people={credits.filter((c) => c.role === "PHOTOGRAPHER")} />;
}
