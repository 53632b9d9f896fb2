import type { DiffPart } from "@/lib/stories/diff";

// Two columns: what was (removals marked) and what is (additions marked).
export function DiffView({ parts, leftTitle, rightTitle }: { parts: DiffPart[]; leftTitle: string; rightTitle: string }) {
  return (
    <div className="grid gap-3 md:grid-cols-2">
      {(["left", "right"] as const).map((side) => (
        <section key={side} aria-label={side === "left" ? leftTitle : rightTitle} className="rounded border border-stone-300 bg-white">
          <h3 className="border-b border-stone-200 bg-stone-50 px-3 py-1.5 text-sm font-semibold">{side === "left" ? leftTitle : rightTitle}</h3>
          <pre className="whitespace-pre-wrap break-words p-3 font-sans text-sm leading-relaxed" data-testid={`diff-${side}`}>
            {parts.map((p, i) => {
              if (p.op === "equal") return <span key={i}>{p.text}</span>;
              if (side === "left" && p.op === "delete") return <del key={i} className="bg-red-100 text-red-900">{p.text}</del>;
              if (side === "right" && p.op === "insert") return <ins key={i} className="bg-green-100 text-green-900 no-underline">{p.text}</ins>;
              return null;
            })}
          </pre>
        </section>
      ))}
    </div>
  );
}
