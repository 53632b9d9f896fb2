// npm run import:page -- <file.txt> — splits a printed page (as text) into stories and prints them as JSON.
import { readFileSync } from "node:fs";
import { splitPage } from "@/lib/import/copy-parser";

function main() {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: npm run import:page -- <file.txt>");
    process.exit(2);
  }
  const stories = splitPage(readFileSync(file, "utf8")).map(({ kind, kicker, headline, subheadline, byline, contributors, dateline, body, captions, range }) => ({
    kind, kicker, headline, subheadline, byline, contributors, dateline, body, captions, range,
  }));
  console.log(JSON.stringify(stories, null, 2));
}

main();
