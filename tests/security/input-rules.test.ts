import { describe, expect, it } from "vitest";
import { localPath } from "@/lib/core/redirects";
import { isRealDay, isRealMonth } from "@/lib/core/dates";
import { filterText, printable, segmentText, typedText } from "@/lib/validation/text";
import { storyDraft } from "@/lib/validation/story";
import { auditFilters } from "@/lib/core/audit-log";
import { deskFilters } from "@/lib/stories/desk-list";
import { actionRefusal, malformedActionBody, readCapped, ACTION_BODY_LIMIT } from "@/lib/platform/action-guard";
import { contentSecurityPolicy, newNonce } from "@/lib/platform/security-headers";
import { searchTerms } from "@/lib/reader/search";
import { rss } from "@/lib/reader/feeds";

// The rules that keep bad input from the outside out of the database, the pages and the feeds.

describe("redirect targets stay on the site", () => {
  // The browser drops tabs and newlines and reads "\" as "/": these all lead elsewhere.
  const offSite = ["/\t/evil.example/x", "/\n/evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "http://evil.example/x",
    "https:evil.example", "javascript:alert(1)", "data:text/html,x", "/\r\n/evil.example", ""];
  it.each(offSite)("refuses %j", (target) => {
    expect(localPath(target)).toBe("/desk");
  });
  it.each([
    ["/desk/stories?status=DRAFT#top", "/desk/stories?status=DRAFT#top"],
    ["/.//evil.example", "/evil.example"], // normalised to a path on this site, never "//host"
    ["/desk/../..//evil.example", "/evil.example"],
    ["/desk%0a", "/desk%0a"], // stays percent-encoded: no raw newline reaches a Location header
    ["http://localhost:3000/desk/queue", "/desk/queue"],
  ])("keeps %j as the same-site path %j", (target, path) => {
    expect(localPath(target, { origin: "http://localhost:3000" })).toBe(path);
  });
  it("accepts an absolute address only on the site's own origin", () => {
    expect(localPath("http://localhost:3001/desk", { origin: "http://localhost:3000" })).toBe("/desk");
  });
});

describe("the paper's calendar refuses days Postgres cannot hold", () => {
  it.each(["0000-01-01", "0001-01-01", "9999-12-31", "1899-12-31", "2026-02-30", "2026-13-01", "26-11-01", ""])("%j is not a day", (day) => {
    expect(isRealDay(day)).toBe(false);
  });
  it.each(["1900-01-01", "2026-11-27", "2999-12-31"])("%j is a day", (day) => {
    expect(isRealDay(day)).toBe(true);
  });
  it("months follow the same years", () => {
    expect(isRealMonth("0000-01")).toBe(false);
    expect(isRealMonth("2026-11")).toBe(true);
    expect(isRealMonth("2026-00")).toBe(false);
  });
});

describe("text fields", () => {
  const headline = typedText({ max: 80, what: "主题" });
  it.each([["\u0000"], ["\uD800"], ["\uDC00"], ["\uFFFE"], ["\uFFFF"]])("refuses %j with a message naming the field", (bad) => {
    const parsed = headline.safeParse(`秋收${bad}进行时`);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toMatch(/^主题含有无法保存的字符/);
  });
  it("drops other control characters and keeps tabs and newlines where allowed", () => {
    expect(headline.parse("秋收\u0001\u0008进行\u001F时")).toBe("秋收进行时");
    expect(headline.parse("秋收\u000B进行时")).toBe("秋收 进行时");
    const paragraph = typedText({ max: 100, what: "段落", multiline: true });
    expect(paragraph.parse("第一行\u000C第二行\n第三行\t完")).toBe("第一行\n第二行\n第三行\t完");
  });
  it("keeps characters outside the basic plane (paired surrogates)", () => {
    expect(headline.parse("𠀋字😀")).toBe("𠀋字😀");
  });
  it("every text of a story goes through the rule: a NUL in a caption is a field error on the body", () => {
    const parsed = storyDraft.safeParse({
      kind: "PHOTO_NEWS", kicker: "", headline: "", subheadline: "", byline: "本报记者 赵晨", dateline: "", tags: [],
      body: [{ type: "photo", photoId: "c123", caption: "图说\u0000", credit: "赵晨 摄", altText: "" }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path[0]).toBe("body");
  });
  it("filters read from URLs are cleaned, cut, and never an error", () => {
    const q = filterText(10);
    expect(q.parse("秋\u0000收\u0001 ")).toBe("秋收");
    expect(q.parse("一二三四五六七八九十十一")).toBe("一二三四五六七八九十");
    expect(q.parse(42)).toBeUndefined();
  });
  it("names from URL segments: undecodable or control characters name nothing", () => {
    expect(segmentText("%E6%A2%A8%E6%A0%91%E5%8E%BF")).toBe("梨树县");
    expect(segmentText("%E0%A4%A")).toBeNull();
    expect(segmentText("%25")).toBe("%");
    expect(segmentText("a%00b")).toBeNull();
    expect(segmentText("a%01b")).toBeNull();
  });
  it("search terms never carry a NUL to the database", () => {
    expect(searchTerms("\u0000\u0001秋收").terms).toEqual(["秋收"]);
  });
});

describe("filters of the desk list and the audit log", () => {
  it("ignores dates, cursors and ids the database would refuse", () => {
    const desk = deskFilters.parse({ from: "0001-01-01", to: "9999-12-31", author: "x'; DROP", q: "秋收\u0000" });
    expect(desk).toMatchObject({ from: undefined, to: undefined, author: undefined, q: "秋收" });
    const audit = auditFilters.parse({ before: "9999999999999999999", from: "0000-01-01", actor: "%00" });
    expect(audit).toMatchObject({ before: undefined, from: undefined, actor: undefined });
    expect(auditFilters.parse({ before: "9223372036854775807" }).before).toBe("9223372036854775807");
  });
});

describe("feeds", () => {
  it("stay well-formed XML whatever the database holds", async () => {
    const response = rss({ title: "吉平日报", path: "/", description: "最新一期" }, [
      { id: "c1", kind: "NEWS_BRIEF", kicker: "", headline: "秋收\u0001\u000B进行时\uFFFE<&>", excerpt: "正文\u0008", byline: "通讯员\u001F张晗", issueDate: "2026-11-26", page: { number: 1, name: "要闻" } },
    ]);
    const xml = await response.text();
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).toContain("<title>秋收\n进行时&lt;&amp;&gt;</title>");
  });
  it("printable() is what they use", () => {
    expect(printable("a\u0000b\u0007c\u000Bd")).toBe("abc\nd");
  });
});

describe("Server Action requests", () => {
  const request = (body: BodyInit | null, headers: Record<string, string>) =>
    new Request("http://localhost:3000/desk/stories/new", {
      method: "POST",
      body,
      headers: { host: "localhost:3000", "next-action": "40abc", ...headers },
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);

  it("refuses another site's page (and sandboxed frames) with 403", async () => {
    expect(await actionRefusal(request('["x"]', { origin: "http://evil.example", "content-type": "text/plain" }))).toMatchObject({ status: 403 });
    expect(await actionRefusal(request('["x"]', { origin: "null", "content-type": "text/plain" }))).toMatchObject({ status: 403 });
    expect(await actionRefusal(request('["x"]', { origin: "http://localhost:3000", "content-type": "text/plain" }))).toBeNull();
  });
  it("refuses a body over the limit with 413, whether it declares its size or streams it", async () => {
    const big = "x".repeat(ACTION_BODY_LIMIT + 1);
    expect(await actionRefusal(request(big, { "content-type": "text/plain", "content-length": String(big.length) }))).toMatchObject({ status: 413 });
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    expect(await actionRefusal(request(endless, { "content-type": "text/plain" }))).toMatchObject({ status: 413 });
    // It stopped reading just past the limit instead of taking all that was offered.
    expect(sent).toBeLessThan(ACTION_BODY_LIMIT + 4 * chunk.byteLength);
  });
  it.each([
    ["text/plain;charset=UTF-8", "[[[{", 400],
    ["text/plain;charset=UTF-8", '{"not":"an array"}', 400],
    ["text/plain;charset=UTF-8", "\xff\xfe", 400],
    ["multipart/form-data", "--x\r\n", 400],
    ["multipart/form-data; boundary=abc", "no parts at all", 400],
    ["application/json", "[]", 415],
  ])("refuses %s %j with %i", (type, body, status) => {
    expect(malformedActionBody(type, new TextEncoder().encode(body))).toMatchObject({ status });
  });
  it.each([
    ["text/plain;charset=UTF-8", '["c123",2,{"kind":"NEWS_BRIEF"}]'],
    ["multipart/form-data; boundary=abc", '--abc\r\nContent-Disposition: form-data; name="1_storyId"\r\n\r\nc1\r\n--abc--\r\n'],
    ["application/x-www-form-urlencoded", "a=1"],
  ])("lets a well-formed %s body through", (type, body) => {
    expect(malformedActionBody(type, new TextEncoder().encode(body))).toBeNull();
  });
  it("readCapped returns the whole of a short body", async () => {
    const body = new Response("秋收").body;
    expect(new TextDecoder().decode((await readCapped(body, 100))!)).toBe("秋收");
  });
});

describe("Content-Security-Policy", () => {
  it("allows scripts only by nonce: no unsafe-inline, no unsafe-eval outside development", () => {
    const nonce = newNonce();
    const policy = contentSecurityPolicy(nonce, { frames: "deny", https: false });
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy(nonce, { frames: "allow", https: true })).toContain("upgrade-insecure-requests");
  });
  it("makes a new nonce every time", () => {
    expect(new Set(Array.from({ length: 50 }, newNonce)).size).toBe(50);
  });
});
