// The front cache (Varnish) for one or more app instances: writes its VCL and runs varnishd.
//
//   FRONT_CACHE_SECRET=… node scripts/front-cache.mjs vcl --backend 10.0.0.11:3000 --backend 10.0.0.12:3000 [--purge-from 10.0.0.0/24]
//       prints deploy/varnish/newsroom.vcl with those backends, purge sources and secret;
//   FRONT_CACHE_SECRET=… node scripts/front-cache.mjs start --listen 127.0.0.1:6081 --backend 127.0.0.1:3000 [...]
//       runs varnishd in the foreground until Ctrl-C.
//
// startFrontCache() does the same for other scripts (the reader benchmark, the cluster start
// script, the tests); the app finds the cache through FRONT_CACHE_URL and purges it with the same
// FRONT_CACHE_SECRET (lib/platform/front-cache.ts).
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { waitForPort } from "./lib.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const VCL_TEMPLATE = path.join(root, "deploy", "varnish", "newsroom.vcl");
export const VARNISHD = process.env.VARNISHD ?? "/usr/sbin/varnishd";
const BEGIN = "# BEGIN generated: backends, purge sources and secret (scripts/front-cache.mjs)\n";
const END = "# END generated\n";

/** "host:port" or "[v6]:port" into its parts; anything else is refused (it ends up in VCL). */
export function parseHostPort(text) {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65535) throw new Error(`not host:port: ${JSON.stringify(text)}`);
  return { host: match[1] ?? match[2], port };
}

/** An ACL entry: an address, a host name, or an address/prefix. */
function aclEntry(text) {
  const match = /^([0-9a-fA-F:.]+|[A-Za-z0-9.-]+)(?:\/(\d{1,3}))?$/.exec(text.trim());
  if (!match) throw new Error(`not an address or address/prefix: ${JSON.stringify(text)}`);
  return match[2] ? `"${match[1]}"/${match[2]}` : `"${match[1]}"`;
}

/**
 * The purge secret goes into the VCL as a string: only letters, digits, - and _ (nothing that could
 * end the string), and long enough not to be guessed (openssl rand -hex 32 gives 64).
 */
export const PURGE_SECRET = /^[A-Za-z0-9_-]{32,256}$/;

/** The generated part: a health probe, one backend per instance, who may purge, and the director. */
export function generatedSection({ backends, purgeFrom = [], purgeSecret }) {
  if (!backends?.length) throw new Error("the front cache needs at least one backend (host:port)");
  const parsed = backends.map(parseHostPort);
  const names = parsed.map((_, i) => `app${i + 1}`);
  const out = [
    "probe app_health {",
    '    .url = "/api/health";',
    "    .timeout = 2s;",
    "    .interval = 2s;",
    "    .window = 5;",
    "    .threshold = 3;",
    "    .initial = 3;",
    "}",
    "",
  ];
  parsed.forEach(({ host, port }, i) => {
    out.push(
      `backend ${names[i]} {`,
      `    .host = "${host}";`,
      `    .port = "${port}";`,
      "    .probe = app_health;",
      "    .connect_timeout = 1s;",
      "    .first_byte_timeout = 30s;",
      "    .between_bytes_timeout = 10s;",
      "}",
      "",
    );
  });
  if (purgeSecret !== undefined && !PURGE_SECRET.test(purgeSecret)) throw new Error("FRONT_CACHE_SECRET must be 32 to 256 letters, digits, - or _ (openssl rand -hex 32)");
  out.push("acl purge_sources {", ...["localhost", "127.0.0.1", "::1", ...purgeFrom].map((a) => `    ${aclEntry(a)};`), "}", "");
  // Without a secret nothing may purge: pages then live out their hour.
  out.push(
    "sub newsroom_purge_check {",
    ...(purgeSecret
      ? [`    if (client.ip !~ purge_sources || req.http.X-Purge-Secret != "${purgeSecret}") {`, '        return (synth(403, "Forbidden"));', "    }"]
      : ["    if (client.ip !~ purge_sources) {", '        return (synth(403, "Forbidden"));', "    }", '    return (synth(403, "Forbidden: no purge secret configured"));']),
    "}",
    "",
  );
  out.push("sub vcl_init {", "    new app = directors.round_robin();", ...names.map((n) => `    app.add_backend(${n});`), "}");
  return out.join("\n") + "\n";
}

/** deploy/varnish/newsroom.vcl with its generated part made for these backends and purge sources. */
export function frontCacheVcl(options) {
  const template = readFileSync(VCL_TEMPLATE, "utf8");
  const start = template.indexOf(BEGIN);
  const end = template.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${VCL_TEMPLATE} lost its "generated" markers`);
  return template.slice(0, start + BEGIN.length) + generatedSection(options) + template.slice(end);
}

export function writeFrontCacheVcl(file, options) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, frontCacheVcl(options));
  return file;
}

/** Why varnishd cannot run here, or null. */
export function varnishMissing() {
  const probe = spawnSync(VARNISHD, ["-V"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    return `${VARNISHD} did not run (${probe.error?.message ?? probe.stderr.trim()}): install the Debian package varnish (apt-get install varnish) or set VARNISHD`;
  }
  return null;
}

/**
 * A folder varnishd's own user can read: as root varnishd drops to the Debian package's users, who
 * cannot enter a checkout in a private (0700) home or temporary folder. The given one if every
 * folder above it lets others through, else one under /tmp.
 */
function readableByVarnish(wanted, port) {
  const fallback = path.join(os.tmpdir(), `newsroom-varnish-${port}`);
  for (const dir of [wanted, fallback, path.join("/tmp", `newsroom-varnish-${port}`)]) {
    if (dir && othersMayEnter(path.dirname(path.resolve(dir)))) return path.resolve(dir);
  }
  return path.resolve(fallback);
}

/** The VCL names the purge secret: readable by varnishd's group (as root) or its owner only. */
function keepSecretFromOthers(file) {
  const group = process.getuid?.() === 0 ? groupId("varnish") : undefined;
  if (group !== undefined) chownSync(file, 0, group);
  chmodSync(file, group !== undefined ? 0o640 : 0o600);
}

function groupId(name) {
  try {
    const line = readFileSync("/etc/group", "utf8").split("\n").find((l) => l.startsWith(`${name}:`));
    return line ? Number(line.split(":")[2]) : undefined;
  } catch {
    return undefined;
  }
}

function othersMayEnter(dir) {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      if ((statSync(at).mode & 0o001) === 0) return false;
    } catch {
      // Not made yet: its parent decides.
    }
    if (at === path.dirname(at)) return true;
  }
}

/**
 * Starts varnishd in the foreground (-F) for these backends, listening on `listen`; resolves once
 * it accepts connections. `stop()` ends it and waits for it. Its working directory (shared memory
 * log, for `varnishlog -n`, and the VCL) defaults to one per port under the system's temp folder.
 * `purgeSecret` (default FRONT_CACHE_SECRET) is what the app instances send with a purge;
 * `extraParams` more varnishd arguments (["-p", "thread_pools=1"]), for the benchmark's trials.
 */
export async function startFrontCache({ backends, listen = "127.0.0.1:6081", purgeFrom = [], purgeSecret = process.env.FRONT_CACHE_SECRET, workDir, memory = "256m", quiet = true, extraParams = [] }) {
  const missing = varnishMissing();
  if (missing) throw new Error(missing);
  const { host, port } = parseHostPort(listen);
  const dir = readableByVarnish(workDir, port);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const vcl = writeFrontCacheVcl(path.join(dir, "newsroom.vcl"), { backends, purgeFrom, purgeSecret });
  keepSecretFromOthers(vcl);
  // http_gzip_support=off: the app compresses, and the VCL keeps a gzip and a plain copy of each
  // page (its Vary: Accept-Encoding), instead of one gzip copy unzipped on every request from a
  // client without gzip (that cost about a fifth of the cached story page's rate here).
  const args = ["-F", "-a", listen, "-f", vcl, "-n", dir, "-s", `malloc,${memory}`, "-p", "http_gzip_support=off", ...extraParams];
  // As root varnishd drops to its own users (the Debian package makes them); as anyone else it
  // runs without that separation by itself (-j none), so no flag is needed either way.
  const child = spawn(VARNISHD, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (d) => {
    output = (output + d).slice(-8000);
    if (!quiet) process.stderr.write(d);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  const ready = waitForPort(port, host, 30_000).then(() => "ready");
  const first = await Promise.race([ready, exited]);
  if (first !== "ready") throw new Error(`varnishd stopped (${first}) before it listened on ${listen}:\n${output}`);
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    pid: child.pid,
    workDir: dir,
    vclPath: vcl,
    output: () => output,
    /** Resolves with the exit code (or signal) when varnishd ends. */
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

async function cli(argv) {
  const [command, ...rest] = argv;
  const values = (flag) => rest.flatMap((a, i) => (a === flag && rest[i + 1] ? [rest[i + 1]] : []));
  const backends = values("--backend");
  const purgeFrom = values("--purge-from");
  const purgeSecret = process.env.FRONT_CACHE_SECRET;
  if (command === "vcl") {
    process.stdout.write(frontCacheVcl({ backends, purgeFrom, purgeSecret }));
    return;
  }
  if (command === "start") {
    const listen = values("--listen")[0] ?? "127.0.0.1:6081";
    const cache = await startFrontCache({ backends, purgeFrom, purgeSecret, listen, workDir: values("--work-dir")[0], memory: values("--memory")[0], quiet: false });
    console.log(`front cache on ${cache.url} for ${backends.join(", ")} (varnishlog -n ${cache.workDir}); set FRONT_CACHE_URL=${cache.url} and the same FRONT_CACHE_SECRET for the app`);
    let stopping = false;
    cache.exited.then((code) => {
      if (stopping) return process.exit(0);
      console.error(`varnishd stopped (${code})`);
      process.exit(1);
    });
    const stop = () => {
      stopping = true;
      cache.stop();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    return;
  }
  console.error("usage: FRONT_CACHE_SECRET=… node scripts/front-cache.mjs vcl|start --backend host:port [--backend host:port …] [--purge-from address[/prefix]] [--listen host:port] [--work-dir dir] [--memory 256m]");
  process.exitCode = 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).catch((e) => {
    console.error(e.message);
    process.exitCode = 1;
  });
}
