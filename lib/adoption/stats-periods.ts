// The periods 采用 is counted over: a month ("2026-11"), a quarter ("2026-Q4"), a year ("2026"),
// as issue days [from, to). Pure.

export type Period = { kind: "month" | "quarter" | "year"; key: string; label: string; from: string; to: string };

/** "2026-11", "2026-Q4" or "2026" as the days it covers; null when it is none of those. */
export function readPeriod(key: string | undefined): Period | null {
  if (!key) return null;
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const from = `${m[1]}-${m[2]}-01`;
    return { kind: "month", key, label: `${m[1]}年${Number(m[2])}月`, from, to: nextDay(lastDayOf(Number(m[1]), Number(m[2]))) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const first = (Number(m[2]) - 1) * 3 + 1;
    return { kind: "quarter", key, label: `${m[1]}年第${m[2]}季度`, from: `${m[1]}-${String(first).padStart(2, "0")}-01`, to: nextDay(lastDayOf(Number(m[1]), first + 2)) };
  }
  m = /^(\d{4})$/.exec(key);
  if (m && Number(m[1]) >= 1900 && Number(m[1]) <= 2999) return { kind: "year", key, label: `${m[1]}年`, from: `${m[1]}-01-01`, to: `${Number(m[1]) + 1}-01-01` };
  return null;
}

function lastDayOf(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
}

/** The period before: last month, last quarter, last year. */
export function previousPeriod(p: Period): Period {
  const [y, mo] = p.from.split("-").map(Number);
  if (p.kind === "year") return readPeriod(String(y - 1))!;
  if (p.kind === "quarter") {
    const q = Math.floor((mo - 1) / 3) + 1;
    return readPeriod(q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`)!;
  }
  return readPeriod(new Date(Date.UTC(y, mo - 2, 1)).toISOString().slice(0, 7))!;
}


/** The period after: next month, next quarter, next year. */
export function nextPeriod(p: Period): Period {
  const year = Number(p.from.slice(0, 4));
  if (p.kind === "year") return readPeriod(String(year + 1))!;
  return readPeriod(p.kind === "quarter" ? quarterOf(p.to) : p.to.slice(0, 7))!;
}

/** The quarter a day is in: "2026-Q4". */
export const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
