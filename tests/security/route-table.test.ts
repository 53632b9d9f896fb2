import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { appRoutes, declaredQuery, ROUTE_TABLE, tableProblems } from "../../e2e/route-table";

// The hostile-input test sends its values to every route of e2e/route-table.ts; these checks keep the
// table honest without a browser: a route added to app/ without a row fails here by name.

const appDir = path.resolve(import.meta.dirname, "../../app");

describe("the route table of the hostile-input test", () => {
  it("covers every page and route handler the app has, with every segment and typed query parameter", () => {
    expect(tableProblems(appDir)).toEqual([]);
    // Read from the file system, not a list kept by hand: the reader's home and the upload routes are among them.
    expect(appRoutes(appDir).map((r) => r.route)).toEqual(expect.arrayContaining(["/", "/desk/photos", "/api/photos/library", "/api/contributors", "/desk/import"]));
    expect(ROUTE_TABLE.length).toBe(appRoutes(appDir).length);
  });

  it("names a route added without a row, a segment without a value and a parameter it does not send", () => {
    const app = mkdtempSync(path.join(os.tmpdir(), "route-table-"));
    try {
      const add = (file: string, source: string) => {
        mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
        writeFileSync(path.join(app, file), source);
      };
      add("(reader)/page.tsx", "export default function Home() {}");
      add("(newsroom)/desk/notes/[id]/page.tsx", "type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string; seal?: string }> };");
      add("api/notes/route.ts", 'export function GET(r: Request) { return new URL(r.url).searchParams.get("q"); }');
      expect(tableProblems(app, [{ route: "/" }, { route: "/desk/notes/[id]", query: ["done"] }, { route: "/gone" }])).toEqual([
        `/api/notes (${path.basename(app)}/api/notes/route.ts) is not in e2e/route-table.ts: add it with the query parameters it reads`,
        "/desk/notes/[id]: no real value for its segment [id]",
        "/desk/notes/[id]: reads ?seal= but the table does not send it",
        "/gone is in the table but the app has no such route",
      ]);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  it("reads the parameters a route's source names", () => {
    expect(declaredQuery("searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }")).toEqual(["callbackUrl"]);
    expect(declaredQuery('const q = new URL(request.url).searchParams.get("q") ?? "";')).toEqual(["q"]);
    expect(declaredQuery("searchParams: Promise<Record<string, string | undefined>>")).toEqual([]);
  });
});
