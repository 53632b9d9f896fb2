// Bringing a paper's archive in from the command line (npm run import:archive): one text file per
// printed page, each split as the page import desk splits a pasted page and published as a page of
// its back issue. Which issue and page a file is comes from the file's name where it says, else from
// the folio printed on the page.

import { FOLIO_ISSUE, isPageName, readFolio, type PageFolio } from "@/lib/import/page-import";
import { isRealDay } from "@/lib/core/dates";

// 2019-06-18, 20190618, 2019年6月18日; not inside a longer run of digits (DSC_12345678).
const NAME_DATE = /(?<!\d)(\d{4})(?:[-_.]?(\d{2})[-_.]?(\d{2})|年(\d{1,2})月(\d{1,2})日?)(?!\d)/u;
const NAME_PAGE = /第\s*(\d{1,2})\s*版/u;
// A bare number is a page number only right after the date (20190618-02): elsewhere it may be anything.
const PAGE_AFTER_DATE = /^[-_ ](\d{1,2})(?=[-_ ]|$)/u;

/** What a file's name says of its page: 2019-06-18_第2版_综合_总第6618期.txt, 20190618-02-综合.txt. */
export function folioOfFileName(fileName: string): Partial<PageFolio> {
  const base = fileName.replace(/^.*[\\/]/u, "").replace(/\.[^.]+$/u, "");
  const folio: Partial<PageFolio> = {};
  const date = NAME_DATE.exec(base);
  const day = date ? `${date[1]}-${(date[2] ?? date[4]).padStart(2, "0")}-${(date[3] ?? date[5]).padStart(2, "0")}` : "";
  // A run of digits that is no real day is not a date (the printed folio says the day then).
  if (isRealDay(day)) folio.date = day;
  const issue = FOLIO_ISSUE.exec(base);
  if (issue) folio.issueNumber = issue[1];
  const page = NAME_PAGE.exec(base) ?? (date ? PAGE_AFTER_DATE.exec(base.slice(date.index + date[0].length)) : null);
  if (page) folio.pageNumber = String(Number(page[1]));
  const rest = base.replace(NAME_DATE, " ").replace(FOLIO_ISSUE, " ").replace(NAME_PAGE, " ");
  const name = rest.split(/[-_ ]+/u).find(isPageName);
  if (name) folio.pageName = name;
  return folio;
}

/** A file's page: its name wins where it says (the person filing the archive named it), the printed folio fills the rest. */
export function folioOfFile(fileName: string, text: string): PageFolio {
  const printed = readFolio(text);
  const named = folioOfFileName(fileName);
  return {
    date: named.date ?? printed.date,
    pageNumber: named.pageNumber ?? printed.pageNumber,
    pageName: named.pageName ?? printed.pageName,
    issueNumber: named.issueNumber ?? printed.issueNumber,
  };
}

/** Files in the order an archive is best read: by date, then page number, then name. */
export function archiveOrder(files: readonly { name: string; folio: PageFolio }[]): number[] {
  return files
    .map((f, i) => ({ i, key: [f.folio.date || "9999", (f.folio.pageNumber || "99").padStart(2, "0"), f.name] }))
    .sort((a, b) => a.key.join("\u0000").localeCompare(b.key.join("\u0000")))
    .map((x) => x.i);
}
