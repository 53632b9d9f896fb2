import { describe, expect, it } from "vitest";
import { localPath } from "@/lib/core/redirects";
import { isRealDay, isRealMonth } from "@/lib/core/dates";
import { filterText, printable, segmentText, typedText } from "@/lib/validation/text";
import { storyDraft } from "@/lib/stories/schema";
import { auditFilters } from "@/lib/audit/log";
import { deskFilters } from "@/lib/stories/desk-list";
import { actionKind, actionRefusal, crossSiteRefusal, readCapped, ACTION_BODY_LIMIT } from "@/lib/platform/action-guard";
import { API_POLICY, contentSecurityPolicy, newNonce } from "@/lib/platform/security-headers";
import { streamedUpload } from "@/lib/core/upload-route";
import { flashParams, readFlash } from "@/lib/core/flash";
import { searchTerms } from "@/lib/validation/search-terms";
import { rss } from "@/lib/reader/feeds";
import { findContributors } from "@/lib/contributors/credits";
import { db } from "@/lib/platform/db";
import { makeUser } from "../support/factories";

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

describe("the byline's people search (/api/contributors?q=)", () => {
  it.each(["\u0000", "秋\u0000收", "\uD800", "%00", "\u0001\u001F", "秋收".repeat(3000), "'; DROP TABLE \"Contributor\"; --", " "])("answers %j without an error", async (typed) => {
    const editor = await makeUser("EDITOR");
    await expect(findContributors(editor, typed)).resolves.toBeInstanceOf(Array);
  });
  it("finds a name typed with a NUL in it as the name without", async () => {
    const editor = await makeUser("EDITOR");
    const name = `欧阳${Date.now().toString(36)}`;
    await db().contributor.create({ data: { name, slug: `p-${Date.now().toString(36)}` } });
    expect((await findContributors(editor, `\u0000${name}\u0000`)).map((c) => c.name)).toEqual([name]);
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
  const post = (body: BodyInit | null, headers: Record<string, string>) =>
    new Request("http://localhost:3000/desk/stories/new", {
      method: "POST",
      body,
      headers: { host: "localhost:3000", origin: "http://localhost:3000", ...headers },
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);
  const action = { "next-action": "40abc" };
  const text = { ...action, "content-type": "text/plain;charset=UTF-8" };
  const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
  const form = (boundary: string, parts: [string, string][]) =>
    parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${boundary}--\r\n`;

  it("refuses another site's page (and sandboxed frames) with 403, for actions and any other POST", async () => {
    expect(await actionRefusal(post('["x"]', { ...text, origin: "http://evil.example" }))).toMatchObject({ status: 403 });
    expect(await actionRefusal(post('["x"]', { ...text, origin: "null" }))).toMatchObject({ status: 403 });
    expect(crossSiteRefusal(new Headers({ host: "localhost:3000", origin: "http://evil.example" }))).toMatchObject({ status: 403 });
    // Behind a proxy that rewrites Host, the configured public address still names the site.
    expect(crossSiteRefusal(new Headers({ host: "127.0.0.1:3000", origin: "https://news.example.cn" }), "https://news.example.cn")).toBeNull();
    expect(crossSiteRefusal(new Headers({ host: "127.0.0.1:3000", origin: "https://evil.example", "x-forwarded-host": "evil.example" }), "https://news.example.cn")).toMatchObject({ status: 403 });
    expect(await actionRefusal(post('["x"]', text))).toBeNull();
  });

  it("refuses a body over the limit with 413, whether it declares its size or streams it", async () => {
    const big = "x".repeat(ACTION_BODY_LIMIT + 1);
    expect(await actionRefusal(post(big, { ...text, "content-length": String(big.length) }))).toMatchObject({ status: 413 });
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    expect(await actionRefusal(post(endless, text))).toMatchObject({ status: 413 });
    // It stopped reading just past the limit instead of taking all that was offered.
    expect(sent).toBeLessThan(ACTION_BODY_LIMIT + 4 * chunk.byteLength);
    // A form posted without the action header is a possible action to Next too.
    expect(await actionRefusal(post(big, { "content-type": "multipart/form-data; boundary=b" }))).toMatchObject({ status: 413 });
  });

  it.each<[string, BodyInit, Record<string, string>, number]>([
    ["not JSON", "[[[{", text, 400],
    ["not an argument list", '{"not":"an array"}', text, 400],
    ["not UTF-8", Uint8Array.of(0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d), text, 400],
    ["a reference to a part that is not there", '["$1"]', text, 400],
    ["a Map reference", '["$Q1"]', text, 400],
    ["a server reference", '["$h1"]', text, 400],
    ["a promise reference", '["$@1"]', text, 400],
    ["a nested reference", '[{"body":[{"text":"$T2"}]}]', text, 400],
    ["more arguments than Next takes", JSON.stringify(Array(1001).fill(1)), text, 400],
    ["an upper-case form type Next would read as text", "--b\r\n", { ...action, "content-type": "Multipart/form-data; boundary=b" }, 415],
    ["JSON", "[]", { ...action, "content-type": "application/json" }, 415],
    ["a form without a boundary", "--x\r\n", { ...action, "content-type": "multipart/form-data" }, 400],
    ["a form with no parts", "no parts at all", { ...action, "content-type": "multipart/form-data; boundary=abc" }, 400],
    ["a cut-off form", '--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n["x"', { ...action, "content-type": "multipart/form-data; boundary=b" }, 400],
    ["a form whose arguments are not JSON", form("b", [["0", "hello"]]), { ...action, "content-type": "multipart/form-data; boundary=b" }, 400],
    ["a form whose arguments name a Map", form("b", [["0", '["$Q1"]']]), { ...action, "content-type": "multipart/form-data; boundary=b" }, 400],
    ["a headerless form that names no action", "--X\r\nhello", { "content-type": "multipart/form-data; boundary=X" }, 400],
    ["a headerless form with a bad bound argument", form("b", [["$ACTION_REF_1", ""], ["$ACTION_1:0", '{"id":"40abc","bound":"$Q9"}']]), { "content-type": "multipart/form-data; boundary=b" }, 400],
    // Each was a stack overflow in this check, a 500 before any session was looked at.
    ["arrays nested 20,000 deep", nested(20_000), text, 400],
    ["objects nested 20,000 deep", '{"a":'.repeat(20_000) + "1" + "}".repeat(20_000), text, 400],
    ["a form whose arguments nest 20,000 deep", form("b", [["0", nested(20_000)]]), { ...action, "content-type": "multipart/form-data; boundary=b" }, 400],
    ["arrays nested one level deeper than any action takes", nested(33), text, 400],
  ])("refuses %s", async (_what, body, headers, status) => {
    expect(await actionRefusal(post(body, headers))).toMatchObject({ status });
  });

  it.each<[string, BodyInit, Record<string, string>]>([
    ["plain arguments as text", JSON.stringify(["c123", 2, { kind: "NEWS_BRIEF", n: null, s: "$$literal dollar" }, "$undefined", "$D2026-11-27T00:00:00.000Z"]), text],
    ["a FormData argument", form("b", [["1_storyId", "c1"], ["1_intent", "save"], ["0", '[{"ok":false,"message":""},"$K1"]']]), { ...action, "content-type": "multipart/form-data; boundary=b" }],
    ["an empty FormData argument", form("b", [["0", '["$K1"]']]), { ...action, "content-type": "multipart/form-data; boundary=b" }],
    ["a form sent before the scripts ran", form("b", [["$ACTION_REF_1", ""], ["$ACTION_1:0", '{"id":"40abc","bound":"$@1"}'], ["$ACTION_1:1", '[{"ok":false}]'], ["$ACTION_KEY", "k0"], ["note", "请补充数字"]]), { "content-type": "multipart/form-data; boundary=b" }],
    ["an urlencoded form", "a=1", { "content-type": "application/x-www-form-urlencoded" }],
    ["arguments nested 32 deep", nested(32), text],
  ])("lets %s through", async (_what, body, headers) => {
    expect(await actionRefusal(post(body, headers))).toBeNull();
  });

  it("only POSTs can be actions, as Next sees them", () => {
    expect(actionKind("GET", new Headers({ "next-action": "x" }))).toBeNull();
    expect(actionKind("POST", new Headers({ "content-type": "text/plain" }))).toBeNull();
    expect(actionKind("POST", new Headers({ "content-type": "multipart/form-data; boundary=x" }))).toBe("form");
  });

  it("readCapped returns the whole of a short body", async () => {
    const body = new Response("秋收").body;
    expect(new TextDecoder().decode((await readCapped(body, 100))!)).toBe("秋收");
  });
});

describe("the upload routes, which the proxy does not see", () => {
  it("give their answers the API policy themselves, a refusal before the body is read included", async () => {
    const crossSite = new Request("http://localhost:3000/api/photos", { method: "POST", headers: { host: "localhost:3000", origin: "http://evil.example" } });
    const answer = await streamedUpload(crossSite, async () => new Response("never reached"));
    expect(answer.status).toBe(403);
    expect(answer.headers.get("content-security-policy")).toBe(API_POLICY);
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

describe("confirmations carried over a redirect", () => {
  it("show only what the server sealed", () => {
    const params = flashParams("已签发见报，共 14 篇稿件");
    expect(readFlash(params)).toBe("已签发见报，共 14 篇稿件");
    expect(readFlash({ done: "账号已冻结，请致电 400-000-0000 解冻" })).toBeUndefined();
    expect(readFlash({ done: "账号已冻结，请致电 400-000-0000 解冻", seal: params.seal })).toBeUndefined();
    expect(readFlash({ done: ["a", "b"], seal: params.seal })).toBeUndefined();
  });
});
