import Link from "next/link";
import type { StoryCard } from "@/lib/reader/archive";
import type { SnippetPart } from "@/lib/reader/search";
import { KIND_LABELS } from "@/lib/stories/schema";
import { formatIssueDate } from "@/lib/core/dates";
import { pageLabel } from "@/lib/format";

// A list of stories as archive, tag, byline and search pages show them.
export function StoryCards({ stories, snippets }: { stories: StoryCard[]; snippets?: Record<string, SnippetPart[]> }) {
  return (
    <ol className="divide-y divide-stone-300">
      {stories.map((s) => (
        <li key={s.id} className="py-4">
          <article aria-labelledby={`card-${s.id}`}>
            {s.kicker && <p className="font-serif text-sm text-stone-600">{s.kicker}</p>}
            <h2 id={`card-${s.id}`} className="font-serif text-lg font-bold">
              <Link href={`/stories/${s.id}`} className="hover:text-masthead hover:underline">
                {s.headline || KIND_LABELS[s.kind]}
              </Link>
            </h2>
            <p className="mt-1 text-sm leading-relaxed text-stone-700" data-testid="snippet">
              {snippets?.[s.id]
                ? snippets[s.id].map((part, i) => (part.hit ? <mark key={i} className="bg-yellow-200">{part.text}</mark> : <span key={i}>{part.text}</span>))
                : s.excerpt}
            </p>
            <p className="mt-1 text-xs text-stone-500">
              {s.byline && <span className="mr-3">{s.byline}</span>}
              {s.issueDate && (
                <Link href={`/issues/${s.issueDate}/pages/${s.page.number}`} className="hover:text-masthead">
                  {formatIssueDate(s.issueDate, false)} {pageLabel(s.page.number)} {s.page.name}
                </Link>
              )}
            </p>
          </article>
        </li>
      ))}
    </ol>
  );
}
