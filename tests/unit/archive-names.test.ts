import { describe, expect, it } from "vitest";
import { archiveOrder, folioOfFile, folioOfFileName } from "@/lib/import/archive";

// Which issue and page an archive file is: from its name where the name says, else the page's folio.

describe("an archive file's name", () => {
  it.each([
    ["2019-06-18_第2版_综合_总第6618期.txt", { date: "2019-06-18", pageNumber: "2", pageName: "综合", issueNumber: "6618" }],
    ["archive/2019/20190618-02-县区新闻.txt", { date: "2019-06-18", pageNumber: "2", pageName: "县区新闻" }],
    ["2019年06月18日 第12版.txt", { date: "2019-06-18", pageNumber: "12" }],
    ["p12-hunpai.txt", {}],
    ["DSC_12345678.txt", {}],
    ["综合_6618_20190618.txt", { date: "2019-06-18", pageName: "综合" }],
    ["2019年6月8日 第2版.txt", { date: "2019-06-08", pageNumber: "2" }],
    ["四平日报_2019-06-18_第2版.txt", { date: "2019-06-18", pageNumber: "2" }],
    ["第3版.txt", { pageNumber: "3" }],
  ])("%s", (name, folio) => {
    expect(folioOfFileName(name)).toEqual(folio);
  });

  it("wins over the printed folio where it says, and the folio fills the rest", () => {
    const text = "2019年6月18日　星期二　　要闻　　第1版\n总第 6618 期\n\n标题";
    expect(folioOfFile("20190618-03.txt", text)).toEqual({ date: "2019-06-18", pageNumber: "3", pageName: "要闻", issueNumber: "6618" });
    expect(folioOfFile("scan-0042.txt", text)).toEqual({ date: "2019-06-18", pageNumber: "1", pageName: "要闻", issueNumber: "6618" });
  });

  it("orders files by date, then page number, pages without a date last", () => {
    const f = (name: string, date: string, pageNumber: string) => ({ name, folio: { date, pageNumber, pageName: "", issueNumber: "" } });
    const files = [f("c", "2019-06-19", "1"), f("b", "2019-06-18", "10"), f("x", "", "1"), f("a", "2019-06-18", "2")];
    expect(archiveOrder(files).map((i) => files[i].name)).toEqual(["a", "b", "c", "x"]);
  });
});
