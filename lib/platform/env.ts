import "server-only";
import path from "node:path";
import { z } from "zod";

// The one place that reads process.env for the server. Parsed on first use, so `next build`
// does not need runtime secrets.
const schema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL 必须是 Postgres 连接串" }),
  NEXTAUTH_SECRET: z.string().min(16, { message: "NEXTAUTH_SECRET 至少 16 个字符" }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  PHOTO_DIR: z.string().default(path.join(process.cwd(), ".data", "photos")),
  PHOTO_MAX_BYTES: z.coerce.number().int().positive().default(15 * 1024 * 1024),
  // Photos decoded and resized at once; the rest wait. Each may take ~200 MB at the pixel limit.
  PHOTO_DECODE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  // How many reverse proxies of ours append to x-forwarded-for; sign-in throttling believes only their entries.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1, { message: "TRUSTED_PROXY_HOPS 至少为 1" }).max(10).default(1),
});

export type Env = z.infer<typeof schema>;
let parsed: Env | undefined;

export function env(): Env {
  if (!parsed) {
    const result = schema.safeParse(process.env);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`环境变量有误: ${problems}`);
    }
    parsed = result.data;
  }
  return parsed;
}

/** The public address of the e-paper, for canonical links, feeds and sitemaps. */
export function siteUrl(): string {
  const url = process.env.SITE_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  return url.replace(/\/+$/, "");
}

/** The port this app instance serves on (`next start -p` sets PORT), for calls the app makes to itself. */
export function appPort(): number {
  const port = Number(process.env.PORT ?? 3000);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : 3000;
}

/** True while `next build` runs the app's code: nothing may start background work then. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
