import Link from "next/link";
import type { ReaderCredit } from "@/lib/stories/content";

/**
 * The printed byline with each credited person's name linking to their reader page
 * (本报记者 <骆晓飞> 通讯员 <孙桢怡>). The filing account is never shown here.
 */
export function Byline({ byline, credits }: { byline: string; credits: ReaderCredit[] }) {
  const people = [...new Map(credits.map((c) => [c.name, c])).values()].filter((c) => byline.includes(c.name));
  if (people.length === 0) return <>{byline}</>;
  const pattern = new RegExp(`(${people.map((c) => c.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "u");
  const bySlug = new Map(people.map((c) => [c.name, c.slug]));
  return (
    <span data-testid="byline">
      {byline.split(pattern).map((part, i) =>
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
