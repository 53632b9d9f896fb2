import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { calendarMonth, type CalendarMonth } from "@/lib/reader/archive";
import { MonthCalendar } from "@/components/reader/MonthCalendar";
import { isRealMonth } from "@/lib/core/dates";

// None at build time: each address is rendered on its first visit, then kept (see the reader layout).
export const generateStaticParams = () => [];

type Props = { params: Promise<{ month: string }> };

const label = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
const shift = (month: string, by: number) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return d.toISOString().slice(0, 7);
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { month } = await params;
  return isRealMonth(month) ? { title: `往期报纸 ${label(month)}`, description: `${label(month)}各期报纸`, alternates: { canonical: `/calendar/${month}` } } : { title: "找不到这个月份" };
}

// The back-issue calendar: a month grid, with month and year navigation.
export default async function CalendarPage({ params }: Props) {
  const { month } = await params;
  if (!isRealMonth(month)) notFound();
  const data = await calendarMonth(month);
  // Only the paper's own months: each is kept as a page, and addresses beyond them are made up.
  if (!within(month, data)) notFound();
  const year = month.slice(0, 4);
  return (
    <section aria-labelledby="calendar-title" className="mx-auto max-w-xl">
      <h1 id="calendar-title" className="mb-4 text-center font-serif text-2xl font-bold">往期报纸 · {label(month)}</h1>
      <nav aria-label="月份" className="no-print mb-3 flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="flex gap-2">
          <MonthLink month={shift(month, -12)} data={data}>上一年</MonthLink>
          <MonthLink month={shift(month, -1)} data={data}>上个月</MonthLink>
        </span>
        <span className="flex gap-2">
          <MonthLink month={shift(month, 1)} data={data}>下个月</MonthLink>
          <MonthLink month={shift(month, 12)} data={data}>下一年</MonthLink>
        </span>
      </nav>
      <MonthCalendar data={data} />
      {data.issues.length === 0 && <p className="mt-4 text-center text-stone-600">{year}年{Number(month.slice(5))}月没有出版的报纸。</p>}
      <p className="no-print mt-4 flex justify-between text-sm">
        {data.previousMonth ? <Link href={`/calendar/${data.previousMonth}`} className="text-masthead underline">← 更早一期所在月：{label(data.previousMonth)}</Link> : <span />}
        {data.nextMonth ? <Link href={`/calendar/${data.nextMonth}`} className="text-masthead underline">更晚一期所在月：{label(data.nextMonth)} →</Link> : <span />}
      </p>
    </section>
  );
}

const within = (month: string, data: CalendarMonth) => isRealMonth(month) && month >= data.span.first && month <= data.span.last;

/** A step to another month, shown only while it stays within the paper's months. */
function MonthLink({ month, data, children }: { month: string; data: CalendarMonth; children: React.ReactNode }) {
  return within(month, data) ? <Link href={`/calendar/${month}`} className="btn btn-sm">{children}</Link> : null;
}
