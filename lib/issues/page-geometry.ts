import { z } from "zod";

// A page format's real geometry (成品尺寸, 版心, 栏, 栏间距, 正文字号 and 行距): the one definition
// the fill meter, the layout, the drawn proof and the printed file all count on. Pure: no db.

/** 号 (Chinese type sizes) in points. */
export const TYPE_SIZES = {
  初号: 42, 小初: 36, 一号: 26, 小一: 24, 二号: 22, 小二: 18, 三号: 16, 小三: 15,
  四号: 14, 小四: 12, 五号: 10.5, 小五: 9, 六号: 7.5, 小六: 6.5, 七号: 5.5,
} as const;
export type TypeSize = keyof typeof TYPE_SIZES;
export const BODY_SIZES = ["小四", "五号", "小五", "六号"] as const satisfies readonly TypeSize[];

// Exactly 25.4 / 72 (≈ 0.3528): the browser's pt, so the drawn column holds what the count says.
export const MM_PER_PT = 25.4 / 72;
// Floors of ratios like 41.275 / 3.175 must not fall to 12.999….
const EPSILON = 1e-9;
const floorOf = (x: number) => Math.floor(x + EPSILON);
const ceilOf = (x: number) => Math.ceil(x - EPSILON);

export type PageGeometry = {
  paperWidthMm: number;
  paperHeightMm: number;
  typeAreaWidthMm: number;
  typeAreaHeightMm: number;
  columns: number;
  gutterMm: number;
  bodySize: TypeSize;
  /** 行距 in 字: the space between two lines as a share of the body size (0.5: the line pitch is 1.5 × the body). */
  lineGap: number;
};

/** What the geometry gives: the grid every page of the format is set on. */
export type PageGrid = PageGeometry & {
  columnWidthMm: number;
  /** Body size and line pitch in mm. */
  charMm: number;
  lineMm: number;
  charsPerLine: number;
  linesPerColumn: number;
  capacity: number;
};

export const sizeMm = (size: TypeSize) => TYPE_SIZES[size] * MM_PER_PT;

export function pageGrid(g: PageGeometry): PageGrid {
  const columnWidthMm = (g.typeAreaWidthMm - (g.columns - 1) * g.gutterMm) / g.columns;
  const charMm = sizeMm(g.bodySize);
  const lineMm = charMm * (1 + g.lineGap);
  // CJK glyphs are one em wide: a justified line holds as many whole characters as fit.
  const charsPerLine = Math.max(0, floorOf(columnWidthMm / charMm));
  const linesPerColumn = Math.max(0, floorOf(g.typeAreaHeightMm / lineMm));
  return { ...g, columnWidthMm, charMm, lineMm, charsPerLine, linesPerColumn, capacity: charsPerLine * linesPerColumn * g.columns };
}

/** How wide a block of `span` columns is, gutters between them included. */
export const spanWidthMm = (grid: PageGrid, span: number) => span * grid.columnWidthMm + (span - 1) * grid.gutterMm;

/** How many characters of `size` one line `widthMm` wide holds. */
export const charsAcross = (widthMm: number, size: TypeSize | number) => Math.max(1, floorOf(widthMm / (typeof size === "number" ? size * MM_PER_PT : sizeMm(size))));

/** Lines a text takes on lines of `perLine` characters; `indent` characters of first-line indent (2 for a paragraph). */
export function linesFor(length: number, perLine: number, indent = 0): number {
  if (length <= 0) return 0;
  return ceilOf((length + indent) / Math.max(1, perLine));
}

/** Body lines (of the grid's pitch) a height in mm takes, rounded up: everything on the page sits on the grid. */
export const linesOfHeight = (grid: PageGrid, heightMm: number) => Math.max(0, ceilOf(heightMm / grid.lineMm));

/** Headlines by the block's size class, in 号: 主题, and 引题/副题 above and below it. */
export const HEADLINE_SIZES = {
  BANNER: { headline: "小初", deck: "三号" },
  LEAD: { headline: "一号", deck: "四号" },
  DOUBLE: { headline: "二号", deck: "小四" },
  SINGLE: { headline: "四号", deck: "五号" },
} as const satisfies Record<string, { headline: TypeSize; deck: TypeSize }>;
export type HeadlineClass = keyof typeof HEADLINE_SIZES;
/** A headline line is 1.25 of its size; the page's stylesheet is written from the same (lib/issues/page-format-css.ts). */
export const HEADLINE_LEADING = 1.25;
/** The space between a 组图's small photos in a row, counted by the layout and drawn by the stylesheet. */
export const PHOTO_SET_GAP_MM = 1;

/** Body lines a headline group takes in a block `widthMm` wide, with one blank line under it. */
export function headlineLines(grid: PageGrid, size: HeadlineClass, widthMm: number, head: { kicker: string; headline: string; subheadline: string }): number {
  const { headline, deck } = HEADLINE_SIZES[size];
  const lineOf = (s: TypeSize) => sizeMm(s) * HEADLINE_LEADING;
  const heightMm =
    (head.kicker ? linesFor(Array.from(head.kicker).length, charsAcross(widthMm, deck)) * lineOf(deck) : 0) +
    (head.headline ? linesFor(Array.from(head.headline).length, charsAcross(widthMm, headline)) * lineOf(headline) : 0) +
    (head.subheadline ? linesFor(Array.from(head.subheadline).length, charsAcross(widthMm, deck)) * lineOf(deck) : 0);
  return heightMm > 0 ? linesOfHeight(grid, heightMm) + 1 : 0;
}

/** A photo runs in whole column widths: `span` columns wide, as tall as its shape makes it, on the grid. */
export function photoLines(grid: PageGrid, span: number, size: { width: number; height: number } | undefined): number {
  const ratio = size && size.width > 0 && size.height > 0 ? size.height / size.width : 2 / 3;
  return Math.max(1, linesOfHeight(grid, spanWidthMm(grid, span) * ratio));
}

/** The lines page 1's 报头 holds across the top of the type area: an eighth of the page. */
export const mastheadLines = (grid: PageGrid) => Math.ceil(grid.linesPerColumn / 8);

/**
 * A short key naming a geometry: the class the page is drawn with and the address of its stylesheet
 * (/page-formats.css?g=…), so a page drawn from a format as it was keeps its look, cached for good.
 */
export function geometryKey(g: PageGeometry): string {
  const mm = (x: number) => String(Math.round(x * 10));
  return [g.paperWidthMm, g.paperHeightMm, g.typeAreaWidthMm, g.typeAreaHeightMm].map(mm).join("x") + `-${g.columns}c${mm(g.gutterMm)}-${BODY_SIZES.indexOf(g.bodySize as (typeof BODY_SIZES)[number])}s${Math.round(g.lineGap * 100)}`;
}

export function parseGeometryKey(key: string): PageGeometry | null {
  const m = /^(\d{1,5})x(\d{1,5})x(\d{1,5})x(\d{1,5})-(\d{1,2})c(\d{1,3})-(\d)s(\d{1,3})$/.exec(key);
  if (!m) return null;
  const n = m.slice(1).map(Number);
  const bodySize = BODY_SIZES[n[6]];
  if (!bodySize) return null;
  const parsed = pageGeometry.safeParse({ paperWidthMm: n[0] / 10, paperHeightMm: n[1] / 10, typeAreaWidthMm: n[2] / 10, typeAreaHeightMm: n[3] / 10, columns: n[4], gutterMm: n[5] / 10, bodySize, lineGap: n[7] / 100 });
  return parsed.success ? parsed.data : null;
}

const mmField = (what: string, min: number, max: number) =>
  z.coerce.number({ message: `${what}应为数字（毫米）` }).min(min, { message: `${what}至少 ${min} 毫米` }).max(max, { message: `${what}不能超过 ${max} 毫米` }).transform((x) => Math.round(x * 10) / 10);

/** A geometry as an administrator may set it: each value in range, and the parts fitting together. */
export const pageGeometry = z
  .object({
    paperWidthMm: mmField("成品宽度", 100, 1000),
    paperHeightMm: mmField("成品高度", 100, 1000),
    typeAreaWidthMm: mmField("版心宽度", 50, 1000),
    typeAreaHeightMm: mmField("版心高度", 50, 1000),
    columns: z.coerce.number({ message: "栏数应为数字" }).int({ message: "栏数应为整数" }).min(3, { message: "至少 3 栏" }).max(12, { message: "最多 12 栏" }),
    gutterMm: mmField("栏间距", 0, 20),
    bodySize: z.enum(BODY_SIZES, { message: "正文字号只能是小四、五号、小五或六号" }),
    lineGap: z.coerce.number({ message: "行距应为数字" }).min(0, { message: "行距不能为负数" }).max(2, { message: "行距最多 2 字" }).transform((x) => Math.round(x * 100) / 100),
  })
  .superRefine((g, ctx) => {
    if (g.typeAreaWidthMm > g.paperWidthMm) ctx.addIssue({ code: "custom", path: ["typeAreaWidthMm"], message: "版心不能比成品宽" });
    if (g.typeAreaHeightMm > g.paperHeightMm) ctx.addIssue({ code: "custom", path: ["typeAreaHeightMm"], message: "版心不能比成品高" });
    const grid = pageGrid(g);
    // Fewer than six characters a line is no column a reader can read.
    if (grid.charsPerLine < 6) ctx.addIssue({ code: "custom", path: ["columns"], message: `每栏只能排 ${grid.charsPerLine} 个字，请减少栏数、栏间距或字号` });
    if (grid.linesPerColumn < 20) ctx.addIssue({ code: "custom", path: ["typeAreaHeightMm"], message: `每栏只有 ${grid.linesPerColumn} 行，版心太矮或行距太大` });
  });

/**
 * The formats the demo paper prints, as real dailies set them (小五 with half a character between
 * lines). The migration writes the same numbers into its rows; a page whose format reaches the
 * layout without its geometry is drawn on its code's standard one.
 */
export const STANDARD_GEOMETRY: Record<"broadsheet" | "tabloid" | "a3", PageGeometry> = {
  // 对开: 390 × 540 mm, 版心 350 × 490, 8 栏.
  broadsheet: { paperWidthMm: 390, paperHeightMm: 540, typeAreaWidthMm: 350, typeAreaHeightMm: 490, columns: 8, gutterMm: 4, bodySize: "小五", lineGap: 0.5 },
  // 四开: 270 × 390 mm, 版心 235 × 340, 5 栏.
  tabloid: { paperWidthMm: 270, paperHeightMm: 390, typeAreaWidthMm: 235, typeAreaHeightMm: 340, columns: 5, gutterMm: 4, bodySize: "小五", lineGap: 0.5 },
  // A3 (297 × 420), 版心 260 × 370, 6 栏: what a small paper or a proof printer prints on.
  a3: { paperWidthMm: 297, paperHeightMm: 420, typeAreaWidthMm: 260, typeAreaHeightMm: 370, columns: 6, gutterMm: 4, bodySize: "小五", lineGap: 0.5 },
};

/** A format as the layout receives it, a PageFormat row: its name, and its geometry when the caller loaded it (bodySize as stored, a string). */
export type PageFormatSpec = { code: string; name: string; columns: number; capacity: number } & Partial<Omit<PageGeometry, "bodySize"> & { bodySize: string }>;

export const GEOMETRY_FIELDS = ["paperWidthMm", "paperHeightMm", "typeAreaWidthMm", "typeAreaHeightMm", "columns", "gutterMm", "bodySize", "lineGap"] as const satisfies readonly (keyof PageGeometry)[];

/** The geometry of a format row: its own, or (for a caller that loaded only code and columns, or a row gone bad) its code's standard one. */
export function geometryOf(format: PageFormatSpec): PageGeometry {
  const parsed = pageGeometry.safeParse(format);
  if (parsed.success) return parsed.data;
  const standard = STANDARD_GEOMETRY[format.code as keyof typeof STANDARD_GEOMETRY] ?? STANDARD_GEOMETRY.broadsheet;
  return { ...standard, columns: format.columns >= 3 && format.columns <= 12 ? format.columns : standard.columns };
}
