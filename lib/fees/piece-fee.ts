import type { FeeTable, Grade } from "@/lib/fees/fee-table";
import { percentOf, yuan } from "@/lib/fees/money";

// What one piece that ran earns, and who gets it: the 稿酬 rules in one pure function, table-tested
// (tests/unit/piece-fee.test.ts, on cases worked by hand from the notice in tests/fixtures/fees).
//
// A piece has up to two parts. The text part (消息, 通讯, 评论) is paid by printed characters in the
// table's tiers; the photo part by photos (图片新闻 and photos with a text piece per photo, 组图 per
// set and per photo). The 一版 and 头条 bonuses belong to the piece's main part: the text part of a
// text piece, the photo part of a photo piece. A grade multiplies each part, bonuses included. The
// text part goes to the writers (every credit but 摄影), the photo part to the photographers; a
// part with nobody of its own goes to the others. Staff count in a split but are not paid (unless
// the table says so); a reprint (转载) pays nobody (unless the table says so).

export type PieceKind = "NEWS_BRIEF" | "FEATURE" | "COMMENTARY" | "PHOTO_NEWS" | "PHOTO_STORY";
export type CreditRole = "REPORTER" | "CORRESPONDENT" | "INTERN" | "SPECIAL" | "PHOTOGRAPHER" | "WRITER";

export type PieceAsRan = {
  kind: PieceKind;
  characters: number;
  pageNumber: number;
  isLead: boolean;
  photos: number;
  grade: Grade | null;
  reprint: boolean;
  /** In byline order; `id` is the contributor's. */
  credits: readonly { id: string; role: CreditRole; staff: boolean }[];
};

export type FeeShare = { contributorId: string; fen: number; formula: string };

const PHOTO_KINDS: readonly PieceKind[] = ["PHOTO_NEWS", "PHOTO_STORY"];
const count = (n: number) => n.toLocaleString("en-US");

/** The text tiers' sum for a piece of `characters` printed characters, and how it was reached. */
export function textFee(table: FeeTable, characters: number): { fen: number; formula: string } {
  if (characters <= 0) return { fen: 0, formula: "" };
  const tier = table.textTiers.find((t) => characters <= t.upTo);
  if (tier) return { fen: tier.fen, formula: `${count(characters)} 字 ${yuan(tier.fen)}` };
  const last = table.textTiers[table.textTiers.length - 1];
  const steps = Math.ceil((characters - last.upTo) / table.beyondPer);
  const fen = last.fen + steps * table.beyondFen;
  return { fen, formula: `${count(characters)} 字 ${yuan(fen)}` };
}

type Part = { fen: number; terms: string[]; group: "writers" | "photographers" };

function partsOf(piece: PieceAsRan, table: FeeTable): Part[] {
  const photoPiece = PHOTO_KINDS.includes(piece.kind);
  const bonuses: string[] = [];
  let bonusFen = 0;
  if (piece.pageNumber === 1) {
    bonusFen += table.frontPageFen;
    bonuses.push(`一版 ${yuan(table.frontPageFen)}`);
  }
  if (piece.isLead) {
    bonusFen += table.leadFen;
    bonuses.push(`头条 ${yuan(table.leadFen)}`);
  }
  const parts: Part[] = [];
  if (!photoPiece) {
    const text = textFee(table, piece.characters);
    if (text.fen > 0 || bonusFen > 0) parts.push({ fen: text.fen + bonusFen, terms: [text.formula, ...bonuses].filter(Boolean), group: "writers" });
    if (piece.photos > 0) parts.push({ fen: piece.photos * table.photoFen, terms: [`图片 ${piece.photos} 幅 × ${yuan(table.photoFen)}`], group: "photographers" });
    return parts;
  }
  const photoTerms =
    piece.kind === "PHOTO_STORY"
      ? [`组图 ${yuan(table.photoSetFen)}`, ...(piece.photos > 0 ? [`${piece.photos} 幅 × ${yuan(table.photoSetPerPhotoFen)}`] : [])]
      : piece.photos > 0 ? [`图片 ${piece.photos} 幅 × ${yuan(table.photoFen)}`] : [];
  const photoFen = piece.kind === "PHOTO_STORY" ? table.photoSetFen + piece.photos * table.photoSetPerPhotoFen : piece.photos * table.photoFen;
  if (photoFen > 0 || bonusFen > 0) parts.push({ fen: photoFen + bonusFen, terms: [...photoTerms, ...bonuses], group: "photographers" });
  return parts;
}

/** The people a part is shared among: its own group, or the other one when it has nobody. */
function sharers(piece: PieceAsRan, group: Part["group"]) {
  const unique = (list: PieceAsRan["credits"]) => list.filter((c, i) => list.findIndex((o) => o.id === c.id) === i);
  const writers = unique(piece.credits.filter((c) => c.role !== "PHOTOGRAPHER"));
  const photographers = unique(piece.credits.filter((c) => c.role === "PHOTOGRAPHER"));
  const own = group === "writers" ? writers : photographers;
  return own.length > 0 ? own : group === "writers" ? photographers : writers;
}

/**
 * Each credited person's share of the piece, in byline order, with the sum in words
 * ("1,260 字 ¥60 + 一版 ¥20 = ¥80，× A 1.5 = ¥120"). Everyone credited has a line, 0 for those unpaid.
 */
export function pieceFee(piece: PieceAsRan, table: FeeTable): FeeShare[] {
  const shares = new Map<string, { fen: number; formulas: string[] }>();
  for (const c of piece.credits) if (!shares.has(c.id)) shares.set(c.id, { fen: 0, formulas: [] });
  for (const part of partsOf(piece, table)) {
    const people = sharers(piece, part.group);
    if (people.length === 0) continue;
    let sum = part.terms.join(" + ");
    if (part.terms.length > 1) sum += ` = ${yuan(part.fen)}`;
    let fen = part.fen;
    if (piece.grade) {
      const percent = table.gradePercent[piece.grade];
      fen = percentOf(part.fen, percent);
      sum += `，× ${piece.grade} ${percent / 100} = ${yuan(fen)}`;
    }
    const payees = table.shared === "FIRST" ? people.slice(0, 1) : people;
    for (const other of people.slice(payees.length)) shares.get(other.id)!.formulas.push(`${sum}；归第一署名人`);
    const each = Math.floor(fen / payees.length);
    const left = fen - each * payees.length;
    payees.forEach((person, i) => {
      const share = each + (i < left ? 1 : 0);
      let formula = payees.length > 1 ? `${sum}，${payees.length} 人平分 ${yuan(share)}` : sum;
      let paid = share;
      if (piece.reprint && !table.payReprints) {
        formula = `${sum}；转载稿不付稿酬`;
        paid = 0;
      } else if (person.staff && !table.payStaff) {
        formula = `${formula}；本报人员不付稿酬`;
        paid = 0;
      }
      const entry = shares.get(person.id)!;
      entry.fen += paid;
      entry.formulas.push(formula);
    });
  }
  return [...shares].map(([contributorId, { fen, formulas }]) => ({ contributorId, fen, formula: formulas.join("；") || "无可计稿酬的内容" }));
}
