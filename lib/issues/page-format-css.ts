import { geometryKey, HEADLINE_LEADING, HEADLINE_SIZES, pageGrid, PHOTO_SET_GAP_MM, TYPE_SIZES, type PageGeometry } from "@/lib/issues/page-geometry";

// The stylesheet a page of one geometry is drawn with (served at /page-formats.css?g=<key>): the
// sheet at its paper size, the type area, the columns and gutters in mm, the body in pt on its
// line pitch, and the classes that put a block on its lines. The CSP allows no inline style, so
// every size a page needs is a class here. Pure: the same key always gives the same sheet.

/**
 * The lowest line a block is drawn down to: more than twice the deepest format's column (对开, 102),
 * so overflow shows; a block running past it (a story of several pages in one column) is cut there
 * on the proof, and the count still says how many lines are 超版.
 */
export const MAX_DRAWN_LINES = 240;

export const formatClass = (g: PageGeometry) => `fmt-${geometryKey(g)}`;
/**
 * The stylesheet's own version, in its address: the sheet is kept for good by browsers and caches,
 * so a change to what this file writes must come with a new number.
 */
export const STYLESHEET_VERSION = 2;
export const formatStylesheetHref = (g: PageGeometry) => `/page-formats.css?g=${geometryKey(g)}&v=${STYLESHEET_VERSION}`;

/** The on-screen width of the paper at 100 %, in CSS px (96 to the inch). */
export const paperWidthPx = (g: PageGeometry) => (g.paperWidthMm * 96) / 25.4;

const n = (x: number) => String(Math.round(x * 1000) / 1000);

export function pageFormatStylesheet(g: PageGeometry): string {
  const grid = pageGrid(g);
  const f = `.${formatClass(g)}`;
  const linePt = TYPE_SIZES[g.bodySize] * (1 + g.lineGap);
  const top = (g.paperHeightMm - g.typeAreaHeightMm) / 2;
  const side = (g.paperWidthMm - g.typeAreaWidthMm) / 2;
  const sheet = [
    `width:${n(g.paperWidthMm)}mm`, `height:${n(g.paperHeightMm)}mm`, "box-sizing:border-box", "position:relative",
    `padding:${n(top)}mm ${n(side)}mm`, "overflow:visible",
  ].join(";");
  // The sheet at paper size from a tablet up and in print; a miniature always; a phone lists headlines instead.
  const sized = [
    `${f}{${sheet}}`,
    `${f} .page-head{position:absolute;left:${n(side)}mm;top:0;width:${n(g.typeAreaWidthMm)}mm;height:${n(top)}mm;padding-bottom:2mm;box-sizing:border-box}`,
    `${f} .page-area{width:${n(g.typeAreaWidthMm)}mm;height:${n(g.typeAreaHeightMm)}mm;position:relative}`,
    `${f} .page-foot{position:absolute;left:${n(side)}mm;top:${n(top + g.typeAreaHeightMm)}mm;width:${n(g.typeAreaWidthMm)}mm;margin:0;padding-top:1.5mm}`,
  ];
  const rules = [
    `${f}{--page-line:${n(linePt)}pt;--page-body:${n(TYPE_SIZES[g.bodySize])}pt;--page-gutter:${n(g.gutterMm)}mm}`,
    `${f} .page-grid{grid-template-columns:repeat(${g.columns},minmax(0,1fr));column-gap:${n(g.gutterMm)}mm;row-gap:0;grid-template-rows:repeat(${grid.linesPerColumn},var(--page-line));grid-auto-rows:var(--page-line)}`,
    `${f}.miniature{zoom:${n(250 / paperWidthPx(g))}}`,
    `@media (min-width:768px),print{${sized.join("")}}`,
    sized.map((rule) => rule.replace(f, `${f}.miniature`)).join(""),
    `@media print{@page ${formatClass(g)}{size:${n(g.paperWidthMm)}mm ${n(g.paperHeightMm)}mm;margin:0}${f}{page:${formatClass(g)}}}`,
  ];
  // Headlines in 号 by size class and a 组图's row gap, written from the numbers the layout counts with.
  rules.push(`.page-headline-group h2,.page-headline-group p{margin:0;line-height:${HEADLINE_LEADING}}`, `.photo-set-row{column-gap:${n(PHOTO_SET_GAP_MM)}mm}`);
  for (const [size, { headline, deck }] of Object.entries(HEADLINE_SIZES)) {
    rules.push(`.page-headline-${size}{font-size:${n(TYPE_SIZES[headline])}pt}.page-deck-${size}{font-size:${n(TYPE_SIZES[deck])}pt}`);
  }
  // Where blocks sit: columns from 1 to 12, lines down to MAX_DRAWN_LINES (what overflows is drawn too).
  const most = MAX_DRAWN_LINES;
  for (let i = 1; i <= 12; i++) rules.push(`.page-col-${i}{grid-column-start:${i}}.page-cols-${i}{grid-column-end:span ${i}}`);
  for (let i = 1; i <= most; i++) rules.push(`.page-row-${i}{grid-row-start:${i}}.page-rows-${i}{grid-row-end:span ${i}}.lines-${i}{height:calc(var(--page-line) * ${i})}`);
  return rules.join("\n") + "\n";
}
