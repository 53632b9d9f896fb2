import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { conflict, invalid, type FieldErrors } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { mayConfigure } from "@/lib/issues/paper-profile";
import { DEFAULT_FEE_TABLE, describeFeeTable, feeTableFrom, feeTableInput, GRADES, type FeeTable } from "@/lib/fees/fee-table";
import { parseYuan, yuan, yuanPlain } from "@/lib/fees/money";
import { scoreRulesFrom, scoreRulesInput, type ScoreRules } from "@/lib/adoption/score";

// 稿酬标准 and 采用计分办法 as an administrator sets them beside the masthead (报社设置).
// Both are typed into forms as the paper's notice prints them (yuan, "1.5 倍") and stored as the
// shapes lib/fees/fee-table.ts and lib/adoption/score.ts validate. A save names which rules changed
// and how, line by line, in one "fees.table" audit event.

/** The fee form's text tiers: six rows on the page (more only if a stored table has more). */
export const FEE_TIER_ROWS = 6;
const MAX_TIER_ROWS = 12;

// Each amount typed in yuan: the form field, the table's key and its name in messages (as the zod schema names it).
const FEE_AMOUNTS = [
  ["beyondYuan", "beyondFen", "超出部分稿酬"],
  ["photoYuan", "photoFen", "每幅图片稿酬"],
  ["photoSetYuan", "photoSetFen", "组图每组稿酬"],
  ["photoSetPerPhotoYuan", "photoSetPerPhotoFen", "组图每幅稿酬"],
  ["frontPageYuan", "frontPageFen", "一版加发"],
  ["leadYuan", "leadFen", "头条加发"],
] as const;

/** Every field of the fee form, for the action's shape check. */
export const FEE_FORM_FIELDS = [
  ...Array.from({ length: MAX_TIER_ROWS }, (_, i) => [`tier${i}Chars`, `tier${i}Yuan`]).flat(),
  "beyondPer",
  ...FEE_AMOUNTS.map(([field]) => field),
  "gradeA",
  "gradeB",
  "gradeC",
  "payReprints",
  "payStaff",
  "shared",
  "basedOn",
];

export type RulesForm = Record<string, string | undefined>;

/** What the settings page shows and fills its form with. */
export type RulesSetting = { lines: string[]; values: Record<string, string>; basedOn: string };

/** A short digest of the rules a form was filled from: a save based on older rules is refused. */
function fingerprint(rules: FeeTable | ScoreRules): string {
  return createHash("sha256").update(JSON.stringify(rules)).digest("base64url").slice(0, 16);
}

/** "6" or "6.50": yuan as a person types them back. */
const typedYuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : yuanPlain(fen));

/** The notice's words for the scoring rules, as the statistics page words them. */
export function describeScoreRules(r: ScoreRules): string[] {
  return [
    `权重：一版 ×${r.frontPage}，头条 ×${r.lead}，重点稿 ×${r.keyPiece}`,
    `简讯（${r.briefMaxChars} 字以内的消息）：${r.brief === 0 ? "不计" : `×${r.brief}`}`,
    `多人署名：${r.shared === "SPLIT" ? "平分" : "计第一署名人"}`,
    `图片稿：${r.photos === "PER_SET" ? "按组（篇）计" : "按幅计"}`,
    `评优分数线：${r.excellentMinScore} 分`,
  ];
}

async function storedRules() {
  const row = await db().paperProfile.findUnique({ where: { id: "paper" }, select: { feeTable: true, scoreRules: true } });
  return { fees: feeTableFrom(row?.feeTable ?? {}), scores: scoreRulesFrom(row?.scoreRules ?? {}) };
}

/** The current 稿酬标准, in words and as the form's values. */
export async function feeTableSetting(): Promise<RulesSetting & { tierRows: number }> {
  const { fees: t } = await storedRules();
  const values: Record<string, string> = {
    beyondPer: String(t.beyondPer),
    gradeA: String(t.gradePercent.A / 100),
    gradeB: String(t.gradePercent.B / 100),
    gradeC: String(t.gradePercent.C / 100),
    payReprints: t.payReprints ? "on" : "",
    payStaff: t.payStaff ? "on" : "",
    shared: t.shared,
  };
  t.textTiers.forEach((tier, i) => Object.assign(values, { [`tier${i}Chars`]: String(tier.upTo), [`tier${i}Yuan`]: typedYuan(tier.fen) }));
  for (const [field, key] of FEE_AMOUNTS) values[field] = typedYuan(t[key]);
  return { lines: describeFeeTable(t, yuan), values, basedOn: fingerprint(t), tierRows: Math.max(FEE_TIER_ROWS, t.textTiers.length) };
}

/** The current 采用计分办法, in words and as the form's values. */
export async function scoreRulesSetting(): Promise<RulesSetting> {
  const { scores: r } = await storedRules();
  const values = Object.fromEntries(Object.entries(r).map(([key, value]) => [key, String(value)]));
  return { lines: describeScoreRules(r), values, basedOn: fingerprint(r) };
}

/** Collects the refusals of one form: each field's messages, and the first one for the form's headline. */
class FormRefusals {
  readonly errors: FieldErrors = {};
  add(field: string, message: string) {
    const list = (this.errors[field] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  throwIfAny(what: string) {
    const messages = Object.values(this.errors).flat();
    if (messages.length === 0) return;
    throw invalid(`${what}未保存：${messages[0]}${messages.length > 1 ? `（共 ${messages.length} 处，见各栏）` : ""}`, this.errors);
  }
}

/** A typed number ("300", "1.5", "-2"); NaN for anything else, so the caller names the field. */
function typedNumber(text: string | undefined): number {
  const t = (text ?? "").trim();
  return /^-?\d{1,9}(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/** A multiplier typed as "1.5" → 150 (percent), exactly; null if it is not one. */
function typedPercent(text: string | undefined): number | null {
  const m = /^(-)?(\d{1,4})(?:\.(\d{1,2}))?$/.exec((text ?? "").trim());
  if (!m) return null;
  const percent = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -percent : percent;
}

/** The fee form read into a candidate table; what cannot be read is refused by field, in words naming it. */
function feeTableOfForm(form: RulesForm, refusals: FormRefusals) {
  const value = (field: string) => (form[field] ?? "").trim();
  // Rows left blank are no tier; the rest keep their form row, so a message lands beside its row.
  const rows: number[] = [];
  const textTiers: { upTo: number; fen: number }[] = [];
  for (let i = 0; i < MAX_TIER_ROWS; i++) {
    const [chars, amount] = [value(`tier${i}Chars`), value(`tier${i}Yuan`)];
    if (!chars && !amount) continue;
    const n = rows.length + 1;
    const upTo = typedNumber(chars);
    const fen = parseYuan(amount);
    if (!chars) refusals.add(`tier${i}Chars`, `第 ${n} 档缺少字数上限`);
    else if (Number.isNaN(upTo)) refusals.add(`tier${i}Chars`, `第 ${n} 档的字数上限应为整数，例如 300`);
    if (!amount) refusals.add(`tier${i}Yuan`, `第 ${n} 档缺少稿酬`);
    else if (fen === null) refusals.add(`tier${i}Yuan`, `第 ${n} 档稿酬应为金额（元），例如 6 或 6.50`);
    rows.push(i);
    textTiers.push({ upTo, fen: fen ?? NaN });
  }
  const amounts = Object.fromEntries(
    FEE_AMOUNTS.map(([field, key, what]) => {
      const fen = parseYuan(value(field));
      if (!value(field)) refusals.add(field, `请填写${what}（不发填 0）`);
      else if (fen === null) refusals.add(field, `${what}应为金额（元），例如 6 或 6.50`);
      return [key, fen ?? NaN];
    }),
  );
  const beyondPer = typedNumber(value("beyondPer"));
  if (Number.isNaN(beyondPer)) refusals.add("beyondPer", "超出部分的计字单位应为整数字数，例如 100");
  const gradePercent = Object.fromEntries(
    GRADES.map((grade) => {
      const percent = typedPercent(value(`grade${grade}`));
      if (percent === null) refusals.add(`grade${grade}`, `${grade} 级倍数应为数字，最多两位小数，例如 1.5`);
      return [grade, percent ?? NaN];
    }),
  );
  const candidate = { textTiers, beyondPer, ...amounts, gradePercent, payReprints: value("payReprints") === "on", payStaff: value("payStaff") === "on", shared: value("shared") };
  return { candidate, rows };
}

/** Where a fee-table rule's refusal belongs on the form. */
function feeFieldOf(path: PropertyKey[], rows: number[]): string {
  const [key, index, part] = path;
  if (key === "textTiers") return typeof index === "number" ? `tier${rows[index]}${part === "fen" ? "Yuan" : "Chars"}` : "textTiers";
  if (key === "gradePercent") return `grade${String(index)}`;
  return FEE_AMOUNTS.find(([, tableKey]) => tableKey === key)?.[0] ?? String(key);
}

/** The tiers judged on their own: the schema checks that they climb only once everything else reads. */
function tierIssuesAlone(textTiers: FeeTable["textTiers"]) {
  const alone = feeTableInput.safeParse({ ...DEFAULT_FEE_TABLE, textTiers });
  return alone.success ? [] : alone.error.issues.filter((issue) => issue.path[0] === "textTiers");
}

/** The schema's words, with the tier or grade they are about where they do not say it. */
function feeMessage([key, index]: PropertyKey[], message: string): string {
  if (key === "textTiers" && typeof index === "number" && !message.startsWith("第")) return `第 ${index + 1} 档：${message}`;
  if (key === "gradePercent") return `${String(index)} 级：${message}`;
  return message;
}

/**
 * The 稿酬标准 from its settings form (yuan as typed, multipliers as "1.5", up to twelve tiers).
 * Administrators only; nothing is saved unless every field reads and the table holds together
 * (tiers climbing, no negative amounts). Audited with the lines that changed. False: nothing changed.
 */
export async function updateFeeTable(actor: SessionUser, form: RulesForm): Promise<boolean> {
  mayConfigure(actor);
  const refusals = new FormRefusals();
  const { candidate, rows } = feeTableOfForm(form, refusals);
  // Fields already refused are not judged again by the table's rules (a NaN is "not a number" twice).
  const parsed = feeTableInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of [...parsed.error.issues, ...tierIssuesAlone(candidate.textTiers)]) {
      const field = feeFieldOf(issue.path, rows);
      if (refusals.errors[field]) continue;
      refusals.add(field, feeMessage(issue.path, issue.message));
    }
  }
  refusals.throwIfAny("稿酬标准");
  return saveRules(actor, { column: "feeTable", what: "稿酬标准", next: parsed.data!, basedOn: form.basedOn, read: feeTableFrom, describe: (t) => describeFeeTable(t, yuan) });
}

/** The 采用计分办法 from its settings form. Administrators only; audited as a change of the fee rules, naming which. */
export async function updateScoreRules(actor: SessionUser, form: RulesForm): Promise<boolean> {
  mayConfigure(actor);
  const refusals = new FormRefusals();
  const numbers = { frontPage: "一版权重", lead: "头条权重", keyPiece: "重点稿权重", brief: "简讯权重", briefMaxChars: "简讯字数", excellentMinScore: "评优分数线" } as const;
  const candidate: Record<string, unknown> = { shared: form.shared, photos: form.photos };
  for (const [key, what] of Object.entries(numbers)) {
    candidate[key] = typedNumber(form[key]);
    if (Number.isNaN(candidate[key])) refusals.add(key, (form[key] ?? "").trim() ? `${what}应为数字，例如 1.5` : `请填写${what}`);
  }
  const parsed = scoreRulesInput.safeParse(candidate);
  if (!parsed.success) for (const issue of parsed.error.issues) if (!refusals.errors[String(issue.path[0])]) refusals.add(String(issue.path[0]), issue.message);
  refusals.throwIfAny("采用计分办法");
  return saveRules(actor, { column: "scoreRules", what: "采用计分办法", next: parsed.data!, basedOn: form.basedOn, read: scoreRulesFrom, describe: describeScoreRules });
}

/**
 * Saves one set of rules beside the masthead, unless the form was filled from rules changed since
 * (another administrator's save) or nothing changed. The row is updated only while it still holds
 * what was read, so two saves at once cannot both pass.
 */
async function saveRules<Rules extends FeeTable | ScoreRules>(
  actor: SessionUser,
  { column, what, next, basedOn, read, describe }: { column: "feeTable" | "scoreRules"; what: string; next: Rules; basedOn?: string; read: (stored: unknown) => Rules; describe: (rules: Rules) => string[] },
): Promise<boolean> {
  const stale = () => conflict(`${what}刚被别人改过，请刷新页面，看过现在的${what}后再改`);
  return db().$transaction(async (tx) => {
    const row = await tx.paperProfile.findUnique({ where: { id: "paper" }, select: { feeTable: true, scoreRules: true } });
    if (!row) throw invalid(`请先保存报头（报名）再设${what}`);
    const before = read(row[column]);
    if (basedOn !== undefined && basedOn !== fingerprint(before)) throw stale();
    if (JSON.stringify(before) === JSON.stringify(next)) return false;
    const stored = row[column] as Prisma.InputJsonValue;
    const saved = await tx.paperProfile.updateMany({
      where: { id: "paper", [column]: { equals: stored } },
      data: column === "feeTable" ? { feeTable: next } : { scoreRules: next },
    });
    if (saved.count === 0) throw stale();
    const [from, to] = [describe(before), describe(next)];
    const changed = to.map((_, i) => i).filter((i) => from[i] !== to[i]);
    await recordAudit(tx, { actorId: actor.id, action: "fees.table", targetType: "paper", targetId: "paper", summary: { rules: what, from: changed.map((i) => from[i]), to: changed.map((i) => to[i]) } });
    return true;
  });
}
