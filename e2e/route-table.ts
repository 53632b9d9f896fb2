import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Every route of the app, what it reads from the address, and who may open it: the table the
// hostile-input test (e2e/security.spec.ts) walks. The routes themselves are read from the file
// system (app/**/page.tsx, route.ts), so a route added without a row here fails the test by name
// (tests/security/route-table.test.ts says so without a browser).

/** Demo accounts (prisma/seed/accounts.ts) by what they may open. */
export type Account = "zhanghan" | "bianji" | "admin" | "jiaodui" | "caiwu";

/** Real values the test finds in the seeded database, so each path segment can be hostile alone. */
export type Fixture =
  | "publishedStory"
  | "issueDate"
  | "issueMonth"
  | "pageNumber"
  | "tag"
  | "authorSlug"
  | "listPage"
  | "issueId"
  | "photoId"
  | "photoSize"
  | "pagePictureSize"
  | "sitemapFile"
  | "authPath";

export type RouteCase = {
  /** As the file system names it: /desk/stories/[id]. */
  route: string;
  /** Signed in as; a reader (nobody) when absent. */
  as?: Account;
  /** The query parameters the route reads. */
  query?: string[];
  /** Query parameters kept while another one is hostile (a search needs its words). */
  with?: Record<string, string>;
  /** A real value for each path segment. */
  segments?: Record<string, Fixture>;
  /** Routes that only take a POST are sent one, with no body. */
  method?: "POST";
  /** What the real values are answered with: 200 unless said. */
  expect?: number;
};

const DESK_LIST = ["q", "status", "kind", "tag", "author", "from", "to", "sort", "after"]; // deskFilters
const PHOTO_LIBRARY = ["q", "photographer", "from", "to", "dates", "use", "after"]; // libraryFilters
const AUDIT = ["actor", "action", "target", "from", "to", "before"]; // auditFilters
const FLASH = ["done", "seal"]; // a confirmation carried over a redirect

export const ROUTE_TABLE: RouteCase[] = [
  // The reader's e-paper
  { route: "/" },
  { route: "/issues/[date]", segments: { date: "issueDate" } },
  { route: "/issues/[date]/pages/[number]", segments: { date: "issueDate", number: "pageNumber" } },
  // A page's printed record: the seeded issues were never released by the app, so they have no files.
  { route: "/issues/[date]/pages/[number]/pdf", segments: { date: "issueDate", number: "pageNumber" }, expect: 404 },
  { route: "/issues/[date]/pages/[number]/picture/[size]", segments: { date: "issueDate", number: "pageNumber", size: "pagePictureSize" }, expect: 404 },
  { route: "/issues/[date]/pdf", segments: { date: "issueDate" }, expect: 404 },
  // What the page printer prints (a released page alone).
  { route: "/print/issues/[date]/pages/[number]", segments: { date: "issueDate", number: "pageNumber" } },
  { route: "/stories/[id]", segments: { id: "publishedStory" } },
  // A story still in print is sent back to its page.
  { route: "/stories/[id]/withdrawn", segments: { id: "publishedStory" }, expect: 307 },
  // The calendar opens on the latest month.
  { route: "/calendar", expect: 307 },
  { route: "/calendar/[month]", segments: { month: "issueMonth" } },
  { route: "/tags" },
  { route: "/tags/[name]", segments: { name: "tag" } },
  { route: "/tags/[name]/page/[n]", segments: { name: "tag", n: "listPage" } },
  { route: "/tags/[name]/feed.xml", segments: { name: "tag" } },
  { route: "/authors/[slug]", segments: { slug: "authorSlug" } },
  { route: "/authors/[slug]/page/[n]", segments: { slug: "authorSlug", n: "listPage" } },
  { route: "/search", query: ["q", "from", "to", "tag", "page"], with: { q: "秋收" } },
  { route: "/feed.xml" },
  // The stylesheet of a page format, named by its geometry (the seeded 对开).
  { route: "/page-formats.css", query: ["g"], with: { g: "3900x5400x3500x4900-8c40-2s50" } },
  { route: "/sitemap.xml" },
  { route: "/sitemaps/[file]", segments: { file: "sitemapFile" } },
  { route: "/login", query: ["callbackUrl"] },

  // The back office
  // The desk's front door leads each account to its own first page.
  { route: "/desk", as: "zhanghan", expect: 307 },
  { route: "/desk/stories", as: "zhanghan", query: FLASH },
  { route: "/desk/stories/new", as: "zhanghan", query: ["slot"] },
  { route: "/desk/stories/[id]", as: "bianji", query: FLASH, segments: { id: "publishedStory" } },
  { route: "/desk/stories/[id]/history", as: "bianji", query: ["a", "b"], segments: { id: "publishedStory" } },
  { route: "/desk/inbox", as: "zhanghan" },
  { route: "/desk/photos", as: "zhanghan", query: PHOTO_LIBRARY },
  { route: "/desk/photos/[id]", as: "bianji", segments: { id: "photoId" } },
  { route: "/desk/queue", as: "bianji", query: ["step", ...FLASH] },
  { route: "/desk/library", as: "bianji", query: DESK_LIST },
  { route: "/desk/issues", as: "bianji" },
  { route: "/desk/issues/[id]", as: "bianji", query: FLASH, segments: { id: "issueId" } },
  { route: "/desk/issues/[id]/pages/[number]", as: "bianji", segments: { id: "issueId", number: "pageNumber" } },
  { route: "/desk/import", as: "bianji" },
  { route: "/desk/quality", as: "bianji", query: ["month", "date", "page", ...FLASH] },
  { route: "/desk/proofing", as: "jiaodui" },
  { route: "/desk/stats", as: "bianji", query: ["period", "by"] },
  { route: "/desk/stats/export", as: "bianji", query: ["period", "by"] },
  { route: "/desk/fees", as: "caiwu", query: ["month", "payee", ...FLASH] },
  // A month not closed (none in 2999 can be) is refused with 409; e2e/fees.spec.ts exports a closed one.
  { route: "/desk/fees/export", as: "caiwu", query: ["month", "format"], with: { month: "2999-01", format: "xlsx" }, expect: 409 },
  // A slip names a month and a payee; without them there is none.
  { route: "/desk/fees/slip", as: "caiwu", query: ["month", "payee"], expect: 404 },
  { route: "/desk/admin/units", as: "admin", query: ["q", ...FLASH] },
  { route: "/desk/admin", as: "admin", query: FLASH },
  { route: "/desk/admin/audit", as: "admin", query: AUDIT },
  { route: "/desk/admin/paper", as: "admin" },

  // Route handlers
  { route: "/api/health" },
  { route: "/api/auth/[...nextauth]", segments: { nextauth: "authPath" } },
  { route: "/api/contributors", as: "zhanghan", query: ["q"] },
  { route: "/api/inbox", as: "zhanghan" },
  { route: "/api/desk/issues/[id]/board-version", as: "bianji", segments: { id: "issueId" } },
  { route: "/api/desk/quality/errors", as: "bianji", query: ["month"] },
  { route: "/api/photos/library", as: "zhanghan", query: PHOTO_LIBRARY },
  { route: "/api/photos/[id]/[file]", segments: { id: "photoId", file: "photoSize" } },
  { route: "/api/photos", as: "zhanghan", method: "POST", expect: 400 },
  { route: "/api/import/docx", as: "zhanghan", method: "POST", expect: 400 },
];

export type AppRoute = { route: string; file: string };

/** Every page and route handler under app/, by the address it serves (route groups left out). */
export function appRoutes(appDir: string): AppRoute[] {
  const found: AppRoute[] = [];
  for (const entry of readdirSync(appDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const parts = path.relative(appDir, entry.parentPath).split(path.sep).filter((p) => p && !/^\(.*\)$/.test(p));
    found.push({ route: `/${parts.join("/")}`, file });
  }
  return found.sort((a, b) => a.route.localeCompare(b.route));
}

/** The path segments a route names: [id], [...nextauth]. */
export function segmentsOf(route: string): string[] {
  return [...route.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]);
}

/**
 * The query parameters a route's source names where they can be read off it: the keys of a typed
 * searchParams (`Promise<{ done?: string; seal?: string }>`) and `searchParams.get("q")`. Routes that
 * hand the whole of searchParams to a schema name theirs in the table.
 */
export function declaredQuery(source: string): string[] {
  const keys = new Set<string>();
  for (const typed of source.matchAll(/searchParams\??:\s*Promise<\{([^}]*)\}>/g)) {
    for (const key of typed[1].matchAll(/(\w+)\??\s*:/g)) keys.add(key[1]);
  }
  for (const read of source.matchAll(/searchParams\.get\(\s*"([^"]+)"\s*\)/g)) keys.add(read[1]);
  return [...keys];
}

/** What the table misses or says wrongly about the app's routes, one line each; empty when it covers them all. */
export function tableProblems(appDir: string, table: RouteCase[] = ROUTE_TABLE): string[] {
  const problems: string[] = [];
  const routes = appRoutes(appDir);
  const byRoute = new Map(table.map((c) => [c.route, c]));
  for (const { route, file } of routes) {
    const entry = byRoute.get(route);
    if (!entry) {
      problems.push(`${route} (${path.relative(path.dirname(appDir), file)}) is not in e2e/route-table.ts: add it with the query parameters it reads`);
      continue;
    }
    for (const segment of segmentsOf(route)) {
      if (!entry.segments?.[segment]) problems.push(`${route}: no real value for its segment [${segment}]`);
    }
    for (const key of declaredQuery(readFileSync(file, "utf8"))) {
      if (!entry.query?.includes(key)) problems.push(`${route}: reads ?${key}= but the table does not send it`);
    }
  }
  for (const entry of table) {
    if (!routes.some((r) => r.route === entry.route)) problems.push(`${entry.route} is in the table but the app has no such route`);
  }
  return problems;
}
