import type { Masthead as MastheadData } from "@/lib/issues/page-view";
import { formatIssueDate } from "@/lib/core/dates";

// 报头: the paper's name large, and beside it the day (with weekday and 农历), the running number
// and the registration numbers, as page 1 prints them. Empty parts of the paper profile are left out.
export function Masthead({ masthead, pageCount }: { masthead: MastheadData; pageCount: number }) {
  const registration = [
    masthead.cnNumber && `国内统一连续出版物号 ${masthead.cnNumber}`,
    masthead.postalCode && `邮发代号 ${masthead.postalCode}`,
  ].filter(Boolean);
  return (
    <header className="masthead mb-3 flex flex-wrap items-end justify-between gap-x-6 gap-y-2 border-b-4 border-double border-masthead pb-3">
      <div>
        <p className="font-serif text-5xl leading-none font-black tracking-[0.2em] text-masthead sm:text-6xl lg:text-7xl">{masthead.name}</p>
        {masthead.publisher && <p className="mt-2 text-sm text-stone-700">{masthead.publisher}</p>}
      </div>
      <div className="text-sm leading-relaxed text-stone-800 sm:text-right">
        <p className="font-semibold">
          <time dateTime={masthead.date}>{formatIssueDate(masthead.date)}</time>
        </p>
        <p>{masthead.lunar}</p>
        <p>
          总第{masthead.number}期 <span className="ml-2">今日{pageCount}版</span>
        </p>
        {registration.map((line) => (
          <p key={line} className="text-xs text-stone-600">{line}</p>
        ))}
      </div>
    </header>
  );
}
