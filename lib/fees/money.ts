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

const DIGITS = "零壹贰叁肆伍陆柒捌玖";

/** Up to 9,999 in capital numerals, zeros between digits read once, none at the end: 壹仟零伍. */
function upToThousands(n: number): string {
  const units = ["仟", "佰", "拾", ""];
  let out = "";
  let zero = false;
  String(n).padStart(4, "0").split("").forEach((d, i) => {
    if (d === "0") {
      zero = out !== "";
    } else {
      out += (zero ? "零" : "") + DIGITS[Number(d)] + units[i];
      zero = false;
    }
  });
  return out;
}

/** The amount as a 稿费单 writes it in capitals (大写): 壹仟贰佰叁拾肆元伍角陆分, 壹佰元整. */
export function yuanInCapitals(fen: number): string {
  if (fen < 0) return `负${yuanInCapitals(-fen)}`;
  const whole = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const cents = fen % 10;
  let text = "";
  if (whole >= 100_000_000) text = `${yuanInCapitals(Math.floor(whole / 100_000_000) * 100).replace(/元整$/, "")}亿`;
  const belowYi = whole % 100_000_000;
  const wan = Math.floor(belowYi / 10_000);
  const rest = belowYi % 10_000;
  if (wan > 0) text += `${text && wan < 1000 ? "零" : ""}${upToThousands(wan)}万`;
  if (rest > 0) text += `${text && rest < 1000 ? "零" : ""}${upToThousands(rest)}`;
  text = text ? `${text}元` : jiao || cents ? "" : "零元";
  if (jiao === 0 && cents === 0) return `${text}整`;
  if (jiao > 0) text += `${DIGITS[jiao]}角`;
  else if (text) text += "零";
  if (cents > 0) text += `${DIGITS[cents]}分`;
  return text;
}
