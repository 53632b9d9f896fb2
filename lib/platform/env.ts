import "server-only";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

// The one place that reads process.env for the server. Parsed on first use, and when an instance
// starts (instrumentation.ts refuses to start on an error), never by `next build`, which has no secrets.

/** A reverse proxy of ours, or a network of them: one entry of TRUSTED_PROXIES. */
export type TrustedProxy = { address: string; prefix: number; family: 4 | 6 };

// Proxies on this machine reach the app from its loopback address; 127.0.0.1, not all of 127/8, so
// a test can play a client from 127.0.0.2.
export const LOOPBACK_PROXIES: readonly TrustedProxy[] = [
  { address: "127.0.0.1", prefix: 32, family: 4 },
  { address: "::1", prefix: 128, family: 6 },
];

const trustedProxies = z.string().transform((text, ctx) => {
  const proxies: TrustedProxy[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const [address, prefixText, extra] = entry.split("/");
    const family = isIP(address);
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
    if ((family !== 4 && family !== 6) || extra !== undefined || prefix < 1 || prefix > (family === 4 ? 32 : 128)) {
      ctx.addIssue({ code: "custom", message: `“${entry}”不是反向代理的地址或网段（例如 10.0.0.5 或 10.0.0.0/24；/0 会把任何人当作代理）` });
      return z.NEVER;
    }
    proxies.push({ address, prefix, family });
  }
  return proxies;
});

/** Whether HOST keeps the app to this machine (as `npm start` does unless told otherwise). */
function listensOnThisMachineOnly(host: string | undefined): boolean {
  return !host || /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/.test(host);
}

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
  // Our reverse proxies (nginx, Varnish) that append to x-forwarded-for: sign-in throttling reads the
  // client's address past them (lib/auth/client-address.ts). Unset: proxies on this machine only.
  TRUSTED_PROXIES: trustedProxies.optional(),
  // Replaced by TRUSTED_PROXIES: a count of hops reads the wrong entry once nginx and Varnish both append.
  TRUSTED_PROXY_HOPS: z.string().optional(),
  // Where `npm start` listens (scripts/start.mjs); read here only to know who can reach the app directly.
  HOST: z.string().optional(),
  // https here means cookies only travel over TLS, as next-auth decides for its own.
  NEXTAUTH_URL: z.string().optional(),
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
  if (e.TRUSTED_PROXY_HOPS !== undefined) {
    ctx.addIssue({ code: "custom", path: ["TRUSTED_PROXY_HOPS"], message: "已不再使用：请删去它，改用 TRUSTED_PROXIES 列出本应用前面各反向代理（nginx、Varnish）的地址" });
  }
  // Reachable from other machines, the app is only safe behind proxies it knows, and only they may reach it.
  if (!listensOnThisMachineOnly(e.HOST) && !e.TRUSTED_PROXIES?.length) {
    ctx.addIssue({ code: "custom", path: ["TRUSTED_PROXIES"], message: `HOST=${e.HOST} 让其他机器也能连到本应用：请用 TRUSTED_PROXIES 列出连到它的反向代理（nginx、Varnish）的地址，否则登录限制分不清访问者` });
  }
  if (e.PHOTO_STORE !== "s3") return;
  for (const name of ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
    if (!e[name]) ctx.addIssue({ code: "custom", path: [name], message: `PHOTO_STORE=s3 时必须设置 ${name}` });
  }
});

export type Env = z.infer<typeof schema>;
let parsed: Env | undefined;

export function env(): Env {
  parsed ??= parseEnv(process.env);
  return parsed;
}

/** The settings read from `source`, or an error naming every problem in Chinese. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`环境变量有误: ${problems}`);
  }
  return result.data;
}

/** The reverse proxies whose x-forwarded-for entries sign-in throttling believes. */
export function trustedProxySettings(): readonly TrustedProxy[] {
  return env().TRUSTED_PROXIES ?? LOOPBACK_PROXIES;
}

/** Whether cookies are marked Secure: the app is reached over https. */
export function secureCookies(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
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
