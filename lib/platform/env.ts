import "server-only";
import path from "node:path";
import { z } from "zod";

// The one place that reads process.env for the server. Parsed on first use, so `next build`
// does not need runtime secrets.
const schema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL 必须是 Postgres 连接串" }),
  NEXTAUTH_SECRET: z.string().min(16, { message: "NEXTAUTH_SECRET 至少 16 个字符" }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  // Where photo files are kept: a folder on this machine (one instance) or an S3-compatible bucket,
  // which every instance shares (AWS S3, Aliyun OSS, MinIO, Ceph RGW).
  PHOTO_STORE: z.enum(["local", "s3"], { message: "PHOTO_STORE 只能是 local 或 s3" }).default("local"),
  PHOTO_DIR: z.string().default(path.join(process.cwd(), ".data", "photos")),
  // Unset for AWS S3 itself; the service's address for the others.
  S3_ENDPOINT: z.string().url({ message: "S3_ENDPOINT 必须是网址，例如 http://minio.internal:9000" }).optional(),
  S3_REGION: z.string().min(1, { message: "S3_REGION 不能为空" }).default("us-east-1"),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  // Unset: path style (host/bucket/key) when there is an endpoint, which MinIO and Ceph need;
  // Aliyun OSS wants false (bucket.host/key).
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"], { message: "S3_FORCE_PATH_STYLE 只能是 true 或 false" }).optional(),
  PHOTO_MAX_BYTES: z.coerce.number().int().positive().default(15 * 1024 * 1024),
  // Photos decoded and resized at once; the rest wait. Each may take ~200 MB at the pixel limit.
  PHOTO_DECODE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  // How many reverse proxies of ours append to x-forwarded-for; sign-in throttling believes only their entries.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1, { message: "TRUSTED_PROXY_HOPS 至少为 1" }).max(10).default(1),
  // The front cache (Varnish, deploy/varnish) to purge after a change readers see, e.g. http://127.0.0.1:6081; none when unset.
  FRONT_CACHE_URL: z.string().url({ message: "FRONT_CACHE_URL 必须是网址，如 http://127.0.0.1:6081" }).optional(),
  // What a purge proves itself with (the same value in the front cache's VCL: scripts/front-cache.mjs).
  FRONT_CACHE_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,256}$/, { message: "FRONT_CACHE_SECRET 须为 32 到 256 个字母、数字、- 或 _（openssl rand -hex 32）" })
    .optional(),
}).superRefine((e, ctx) => {
  if (e.FRONT_CACHE_URL && !e.FRONT_CACHE_SECRET) {
    ctx.addIssue({ code: "custom", path: ["FRONT_CACHE_SECRET"], message: "设置了 FRONT_CACHE_URL 时必须设置 FRONT_CACHE_SECRET（与前端缓存的 VCL 相同）" });
  }
  if (e.PHOTO_STORE !== "s3") return;
  for (const name of ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
    if (!e[name]) ctx.addIssue({ code: "custom", path: [name], message: `PHOTO_STORE=s3 时必须设置 ${name}` });
  }
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
