import { describe, expect, it } from "vitest";
import {
  charsAcross, geometryKey, headlineLines, linesFor, pageGeometry, pageGrid, parseGeometryKey, photoLines, spanWidthMm, STANDARD_GEOMETRY,
  TYPE_SIZES, type PageGeometry,
} from "@/lib/issues/page-geometry";
import { pageFormatStylesheet } from "@/lib/issues/page-format-css";

// The geometry of a page format: the grid the meter counts and the page draws.

describe("a format's grid", () => {
  it.each<[string, PageGeometry, { columnWidthMm: number; charsPerLine: number; linesPerColumn: number; capacity: number }]>([
    // (350 − 7 × 4) / 8 = 40.25 mm; 小五 is 3.175 mm: 12 characters; 490 / (1.5 × 3.175) = 102.9: 102 lines.
    ["对开, 8 栏, 小五", STANDARD_GEOMETRY.broadsheet, { columnWidthMm: 40.25, charsPerLine: 12, linesPerColumn: 102, capacity: 12 * 102 * 8 }],
    // (235 − 4 × 4) / 5 = 43.8 mm: 13 characters; 340 / 4.7625 = 71.4: 71 lines.
    ["四开, 5 栏, 小五", STANDARD_GEOMETRY.tabloid, { columnWidthMm: 43.8, charsPerLine: 13, linesPerColumn: 71, capacity: 13 * 71 * 5 }],
    ["四开, 6 栏", { ...STANDARD_GEOMETRY.tabloid, columns: 6 }, { columnWidthMm: 35.833, charsPerLine: 11, linesPerColumn: 71, capacity: 11 * 71 * 6 }],
    // (260 − 5 × 4) / 6 = 40 mm: 12 characters; 370 / 4.7625 = 77.7: 77 lines.
    ["A3, 6 栏", STANDARD_GEOMETRY.a3, { columnWidthMm: 40, charsPerLine: 12, linesPerColumn: 77, capacity: 12 * 77 * 6 }],
    // 五号 is 3.704 mm: 10 characters to a broadsheet column; solid (行距 0) lines are 3.704 mm: 132.
    ["对开 in 五号, set solid", { ...STANDARD_GEOMETRY.broadsheet, bodySize: "五号", lineGap: 0 }, { columnWidthMm: 40.25, charsPerLine: 10, linesPerColumn: 132, capacity: 10 * 132 * 8 }],
    // A column exactly 13 characters of 小五 wide holds 13, not 12 (no rounding error drops one).
    ["a column exactly 13 characters wide", { ...STANDARD_GEOMETRY.broadsheet, typeAreaWidthMm: 13 * 3.175 * 8 + 7 * 4 }, { columnWidthMm: 41.275, charsPerLine: 13, linesPerColumn: 102, capacity: 13 * 102 * 8 }],
  ])("%s", (_what, geometry, expected) => {
    const grid = pageGrid(geometry);
    expect(grid.columnWidthMm).toBeCloseTo(expected.columnWidthMm, 3);
    expect([grid.charsPerLine, grid.linesPerColumn, grid.capacity]).toEqual([expected.charsPerLine, expected.linesPerColumn, expected.capacity]);
  });

  it("takes 号 as points of 0.3528 mm", () => {
    expect(TYPE_SIZES.小五 * 0.3528).toBeCloseTo(pageGrid(STANDARD_GEOMETRY.broadsheet).charMm, 3);
    expect([TYPE_SIZES.五号, TYPE_SIZES.六号, TYPE_SIZES.小四]).toEqual([10.5, 7.5, 12]);
  });
});

describe("text on the grid", () => {
  const grid = pageGrid(STANDARD_GEOMETRY.broadsheet); // 12 characters a line
  it.each<[number, number, number]>([
    // [characters, indent, lines]
    [0, 0, 0],
    [1, 0, 1],
    [12, 0, 1],
    [13, 0, 2],
    [120, 0, 10],
    [121, 0, 11],
    // A paragraph's two-character indent takes room on its first line.
    [10, 2, 1],
    [11, 2, 2],
    [1224 - 2, 2, 102],
  ])("%i characters (indent %i) take %i lines", (chars, indent, lines) => {
    expect(linesFor(chars, grid.charsPerLine, indent)).toBe(lines);
  });

  it("a column of text exactly as long as the column holds fills it, one more character takes a line past it", () => {
    const full = grid.charsPerLine * grid.linesPerColumn;
    expect(linesFor(full, grid.charsPerLine)).toBe(grid.linesPerColumn);
    expect(linesFor(full + 1, grid.charsPerLine)).toBe(grid.linesPerColumn + 1);
  });

  it("a headline is set in 号 by its size class across the block", () => {
    // 二号 (22 pt, 7.76 mm) across two columns (84.5 mm) holds 10 characters a line: 12 take two lines of 9.7 mm, 19.4 mm in all = 4.1, so 5 body lines, and a blank one.
    expect(charsAcross(spanWidthMm(grid, 2), "二号")).toBe(10);
    expect(headlineLines(grid, "DOUBLE", spanWidthMm(grid, 2), { kicker: "", headline: "一".repeat(12), subheadline: "" })).toBe(6);
    expect(headlineLines(grid, "DOUBLE", spanWidthMm(grid, 2), { kicker: "", headline: "", subheadline: "" })).toBe(0);
  });

  it("a photo runs in whole column widths, as tall as its shape, on whole lines", () => {
    // Two columns (84.5 mm) of a 3:2 photo: 56.3 mm, 11.8 lines of 4.7625 mm: 12.
    expect(photoLines(grid, 2, { width: 1200, height: 800 })).toBe(12);
    // One column of a square photo: 40.25 mm: 8.45 lines: 9.
    expect(photoLines(grid, 1, { width: 1000, height: 1000 })).toBe(9);
  });
});

describe("a format as an administrator sets it", () => {
  const form = { paperWidthMm: "390", paperHeightMm: "540", typeAreaWidthMm: "350", typeAreaHeightMm: "490", columns: "8", gutterMm: "4", bodySize: "小五", lineGap: "0.5" };
  it("reads the form's text into a geometry", () => {
    expect(pageGeometry.parse(form)).toEqual(STANDARD_GEOMETRY.broadsheet);
  });
  it.each<[string, Partial<typeof form>, string, string]>([
    ["a type area wider than the paper", { typeAreaWidthMm: "400" }, "typeAreaWidthMm", "版心不能比成品宽"],
    ["columns too narrow to read", { columns: "12", gutterMm: "14" }, "columns", "每栏只能排 5 个字，请减少栏数、栏间距或字号"],
    ["a body size that is not one", { bodySize: "大五" }, "bodySize", "正文字号只能是小四、五号、小五或六号"],
    ["words for a width", { paperWidthMm: "宽" }, "paperWidthMm", "成品宽度应为数字（毫米）"],
    ["too few columns", { columns: "1" }, "columns", "至少 3 栏"],
  ])("refuses %s", (_what, change, field, message) => {
    const result = pageGeometry.safeParse({ ...form, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});

describe("the stylesheet of a geometry", () => {
  it("is named by a key that reads back to the same geometry, and nothing else reads", () => {
    for (const g of Object.values(STANDARD_GEOMETRY)) expect(parseGeometryKey(geometryKey(g))).toEqual(g);
    expect(geometryKey(STANDARD_GEOMETRY.broadsheet)).toBe("3900x5400x3500x4900-8c40-2s50");
    for (const bad of ["", "x", "3900x5400x3500x4900-8c40-9s50", "3900x5400x9999x4900-8c40-2s50", "3900x5400x3500x4900-1c40-2s50'"]) expect(parseGeometryKey(bad)).toBeNull();
  });
  it("draws the paper and type area in mm, the columns with their gutters and the body on its line pitch", () => {
    const css = pageFormatStylesheet(STANDARD_GEOMETRY.broadsheet);
    expect(css).toContain("width:390mm;height:540mm");
    expect(css).toContain(".page-area{width:350mm;height:490mm");
    expect(css).toContain("grid-template-columns:repeat(8,minmax(0,1fr));column-gap:4mm");
    expect(css).toContain("--page-line:13.5pt;--page-body:9pt");
    expect(css).toContain("grid-template-rows:repeat(102,var(--page-line))");
    expect(css).toContain("size:390mm 540mm");
  });
});
