import { csvFile } from "@/lib/core/csv";
import { formatScore } from "@/lib/adoption/score";
import type { AdoptionStats } from "@/lib/adoption/stats";

// The period's ranking as a spreadsheet file for the desk's 通讯员 work reports.

const COUNTS = ["来稿", "采用", "一版", "头条", "图片（幅）", "组图", "见报字数", "积分", "上期积分"];

export function adoptionCsv(stats: AdoptionStats, by: "person" | "unit"): string {
  const counts = (r: AdoptionStats["people"][number] | AdoptionStats["units"][number]) =>
    [r.filed, r.used, r.frontPage, r.leads, r.photos, r.photoSets, r.characters, formatScore(r.score), formatScore(r.previousScore)];
  if (by === "unit") return csvFile(["排名", "单位", "人数", ...COUNTS], stats.units.map((u, i) => [i + 1, u.unitName, u.people, ...counts(u)]));
  return csvFile(["排名", "姓名", "单位", ...COUNTS], stats.people.map((p, i) => [i + 1, p.name, p.unitName, ...counts(p)]));
}
