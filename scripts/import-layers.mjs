// `node scripts/import-layers.mjs`: imports that run back up the layers of lib/ (house-style, "Where the code is
// going"): platform/ and core/ import no domain folder, no two folders of lib/ import each other round a circle, and
// no two files import each other. Walks lib/, components/ and app/ (the last two as one folder each);
// prints what it finds and exits 1 if anything. `node scripts/import-layers.mjs <folder>` checks another tree
// laid out the same way (tests/unit/import-layers.test.ts gives it one with every fault in it).
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import path from "node:path";

const root = process.argv[2] ? path.resolve(process.argv[2]) : path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const LOWER = new Set(["platform", "core"]);
const SKIP = new Set(["generated"]);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!SKIP.has(name)) walk(full, out);
    } else if (/\.(ts|tsx|mts|mjs)$/.test(name) && !name.endsWith(".d.ts") && !name.endsWith(".d.mts")) out.push(full);
  }
  return out;
}

const files = ["lib", "components", "app"].flatMap((d) => (existsSync(path.join(root, d)) ? walk(path.join(root, d)) : []));
const known = new Set(files);

function resolve(from, spec) {
  let base;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const c of [base, ...[".ts", ".tsx", ".mts", ".mjs"].map((e) => base + e), ...["index.ts", "index.tsx"].map((i) => path.join(base, i))]) {
    if (known.has(c)) return c;
  }
  return null;
}

// Type-only imports count too: they still say which way a module leans.
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s+["']([^"']+)["']/g;
const edges = new Map();
for (const f of files) {
  const text = readFileSync(f, "utf8");
  const to = new Set();
  for (const m of text.matchAll(IMPORT)) {
    const target = resolve(f, m[1] ?? m[2] ?? m[3]);
    if (target && target !== f) to.add(target);
  }
  edges.set(f, to);
}

const rel = (f) => path.relative(root, f);
/** lib/<folder>, or the file itself for files directly in lib/; components/ and app/ count as one folder each. */
function folderOf(f) {
  const r = rel(f);
  if (!r.startsWith("lib/")) return r.split("/")[0];
  const parts = r.split("/");
  return parts.length > 2 ? `lib/${parts[1]}` : r;
}

// platform/core -> domain
const upward = [];
for (const [f, to] of edges) {
  const ff = folderOf(f);
  if (!LOWER.has(ff.replace("lib/", ""))) continue;
  for (const t of to) {
    const tf = folderOf(t);
    if (!LOWER.has(tf.replace("lib/", "")) && !tf.startsWith("lib/generated")) upward.push(`${rel(f)} -> ${rel(t)}`);
  }
}

// file pairs importing each other
const pairs = [];
for (const [f, to] of edges) for (const t of to) if (f < t && edges.get(t)?.has(f)) pairs.push(`${rel(f)} <-> ${rel(t)}`);

// folder graph, its strongly connected components (Tarjan), and the edges that hold each cycle together
const folderEdges = new Map();
for (const [f, to] of edges) {
  const a = folderOf(f);
  for (const t of to) {
    const b = folderOf(t);
    if (a === b) continue;
    if (!folderEdges.has(a)) folderEdges.set(a, new Map());
    const m = folderEdges.get(a);
    if (!m.has(b)) m.set(b, []);
    m.get(b).push(`${rel(f)} -> ${rel(t)}`);
  }
}
const nodes = [...new Set([...folderEdges.keys(), ...[...folderEdges.values()].flatMap((m) => [...m.keys()])])].sort();
let index = 0;
const idx = new Map(), low = new Map(), stack = [], on = new Set(), sccs = [];
function strong(v) {
  idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
  for (const w of folderEdges.get(v)?.keys() ?? []) {
    if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do { w = stack.pop(); on.delete(w); c.push(w); } while (w !== v);
    if (c.length > 1) sccs.push(c.sort());
  }
}
for (const v of nodes) if (!idx.has(v)) strong(v);
// each folder-to-folder edge inside a cycle, with the file imports that make it
const cycleEdges = [];
for (const c of sccs) {
  const inC = new Set(c);
  for (const a of c) for (const [b, via] of folderEdges.get(a) ?? []) if (inC.has(b)) cycleEdges.push({ a, b, via });
}

console.log(`folder cycles: ${sccs.length} (${cycleEdges.length} folder edges inside them)`);
for (const c of sccs) console.log(`  cycle: ${c.join(", ")}`);
for (const { a, b, via } of cycleEdges) {
  console.log(`    ${a} -> ${b}`);
  for (const v of via) console.log(`      ${v}`);
}
const mutual = [];
for (const [a, m] of folderEdges) for (const b of m.keys()) if (a < b && folderEdges.get(b)?.has(a)) mutual.push(`${a} <-> ${b}`);
console.log(`folder pairs importing each other: ${mutual.length}`);
for (const p of mutual.sort()) console.log(`  ${p}`);
console.log(`platform/core -> domain imports: ${upward.length}`);
for (const u of upward) console.log(`  ${u}`);
console.log(`files importing each other: ${pairs.length}`);
for (const p of pairs) console.log(`  ${p}`);
// With no circle, the folders of lib/ in an order where each imports only those above it in the list.
if (!sccs.length) {
  const libFolders = nodes.filter((n) => n.startsWith("lib/") && !n.endsWith(".ts") && n !== "lib/generated");
  const placed = [];
  const below = (a) => [...(folderEdges.get(a)?.keys() ?? [])].filter((b) => libFolders.includes(b));
  while (placed.length < libFolders.length) {
    const next = libFolders.filter((f) => !placed.includes(f) && below(f).every((b) => placed.includes(b)));
    placed.push(...next);
  }
  console.log(`lib/ folders, each importing only folders before it:\n  ${placed.map((f) => f.slice(4)).join(" → ")}`);
}
process.exit(sccs.length || mutual.length || upward.length || pairs.length ? 1 : 0);
