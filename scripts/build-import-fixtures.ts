// Writes the labelled pages of the copy-parser benchmark from their hand-labelled sources
// (markup described in scripts/import-markup.ts): tests/fixtures/import/sources/<page>.page →
// pages/<page>.txt (the page as text copied from print) and pages/<page>.expected.json; and
// real-forms/sources/<page>.page (scripts/real-forms-layout.ts) → real-forms/<page>.txt and .expected.json.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderPage } from "./import-markup";
import { layoutPage } from "./real-forms-layout";

const root = path.resolve(import.meta.dirname, "../tests/fixtures/import");

function main() {
  for (const file of readdirSync(path.join(root, "sources")).filter((f) => f.endsWith(".page")).sort()) {
    const name = file.replace(/\.page$/u, "");
    const { text, stories } = renderPage(readFileSync(path.join(root, "sources", file), "utf8"));
    writeFileSync(path.join(root, "pages", `${name}.txt`), text);
    writeFileSync(path.join(root, "pages", `${name}.expected.json`), `${JSON.stringify({ stories }, null, 2)}\n`);
    console.log(`${name}: ${Array.from(text).length} characters, ${stories.length} stories`);
  }
  // The pages in the forms real archives produce, laid out as a PDF's text extraction gives them back.
  const real = path.join(root, "real-forms");
  for (const file of readdirSync(path.join(real, "sources")).filter((f) => f.endsWith(".page")).sort()) {
    const name = file.replace(/\.page$/u, "");
    const { text, stories } = layoutPage(readFileSync(path.join(real, "sources", file), "utf8"));
    writeFileSync(path.join(real, `${name}.txt`), text);
    writeFileSync(path.join(real, `${name}.expected.json`), `${JSON.stringify({ stories }, null, 2)}\n`);
    console.log(`real-forms/${name}: ${Array.from(text).length} characters, ${stories.length} stories`);
  }
}

main();
