// Money is whole 分 (fen) everywhere: amounts are integers, never floating point. These read and
// print it the way a 稿费单 does. Pure.

/** "¥60", "¥7.20", "-¥3.50": whole yuan without decimals, else to the fen. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  const cents = abs % 100;
  return `${sign}¥${whole}${cents === 0 ? "" : `.${String(cents).padStart(2, "0")}`}`;
}

/** "1234.50" for tables and exports: always two decimals, no currency sign, no grouping. */
export function yuanPlain(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Reads "6", "6.5", "¥10.05", "1,200" typed as yuan into fen; null when it is not an amount. */
export function parseYuan(text: string): number | null {
  const m = /^(-)?\s*[¥￥]?\s*(\d{1,7}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?\s*(?:元)?$/u.exec(text.trim());
  if (!m) return null;
  const whole = Number(m[2].replaceAll(",", ""));
  const cents = m[3] ? Number(m[3].padEnd(2, "0")) : 0;
  const fen = whole * 100 + cents;
  return m[1] ? -fen : fen;
}

/** amount × percent / 100, rounded half up to the fen (half away from zero for negatives), in integers. */
export function percentOf(fen: number, percent: number): number {
  const product = fen * percent;
  const sign = product < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(product) + 50) / 100);
}
