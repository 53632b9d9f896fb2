import Link from "next/link";

// 引题 / 主题 / 副题 as one headline group; `size` follows the story's weight on the page.
export function Headline({
  kicker,
  headline,
  subheadline,
  href,
  size = "md",
  as: Tag = "h2",
}: {
  kicker: string;
  headline: string;
  subheadline: string;
  href?: string;
  size?: "xl" | "lg" | "md" | "sm";
  as?: "h1" | "h2" | "h3";
}) {
  const headlineClass = { xl: "text-3xl md:text-4xl", lg: "text-2xl md:text-3xl", md: "text-xl", sm: "text-lg" }[size];
  const title = href ? (
    <Link href={href} className="hover:text-masthead hover:underline">
      {headline}
    </Link>
  ) : (
    headline
  );
  return (
    <header className="mb-3">
      {kicker && <p className="font-serif text-base text-stone-700">{kicker}</p>}
      <Tag className={`font-serif font-bold leading-snug ${headlineClass}`}>{title}</Tag>
      {subheadline && <p className="mt-1 font-serif text-base text-stone-700">{subheadline}</p>}
    </header>
  );
}
