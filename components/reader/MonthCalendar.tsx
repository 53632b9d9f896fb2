import Link from "next/link";
import type { CalendarMonth } from "@/lib/reader/archive";

const WEEK = ["日", "一", "二", "三", "四", "五", "六"];

// A month grid: days with an issue link to it; the others are plain numbers.
export function MonthCalendar({ data }: { data: CalendarMonth }) {
  const [y, m] = data.month.split("-").map(Number);
  const firstWeekday = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const byDay = new Map(data.issues.map((i) => [Number(i.date.slice(8, 10)), i]));
  const cells: (number | null)[] = [...Array(firstWeekday).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  return (
    <table className="w-full table-fixed border-collapse text-center" aria-label={`${y}年${m}月`}>
      <thead>
        <tr>
          {WEEK.map((d) => (
            <th key={d} scope="col" className="py-2 text-sm font-normal text-stone-500">{d}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((day, d) => {
              const issue = day ? byDay.get(day) : undefined;
              return (
                <td key={d} className="h-12 border border-stone-200 p-0">
                  {issue ? (
                    <Link href={`/issues/${issue.date}`} className="flex h-12 items-center justify-center bg-white font-bold text-masthead hover:bg-red-50" aria-label={`${m}月${day}日，总第${issue.number}期`}>
                      {day}
                    </Link>
                  ) : (
                    <span className="text-stone-500">{day ?? ""}</span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
