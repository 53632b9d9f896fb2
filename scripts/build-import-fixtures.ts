// Writes the labelled pages of the copy-parser benchmark from their hand-labelled sources
// (markup described in scripts/import-markup.ts): tests/fixtures/import/sources/<page>.page →
// pages/<page>.txt (the page as text copied from print) and pages/<page>.expected.json.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderPage } from "./import-markup";

const root = path.resolve(import.meta.dirname, "../tests/fixtures/import");

function main() {
  for (const file of readdirSync(path.join(root, "sources")).filter((f) => f.endsWith(".page")).sort()) {
    const name = file.replace(/\.page$/u, "");
    const { text, stories } = renderPage(readFileSync(path.join(root, "sources", file), "utf8"));
    writeFileSync(path.join(root, "pages", `${name}.txt`), text);
    writeFileSync(path.join(root, "pages", `${name}.expected.json`), `${JSON.stringify({ stories }, null, 2)}\n`);
    console.log(`${name}: ${Array.from(text).length} characters, ${stories.length} stories`);
  }
}

main();
