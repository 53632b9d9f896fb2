// Run by `npm start` after migrating: reads the credits of stories filed before bylines were people.
// (No top-level await: tsx runs scripts of this package as CommonJS, where it is a syntax error.)
import { backfillCredits } from "@/lib/stories/credits-backfill";
import { db } from "@/lib/platform/db";

async function main() {
  const done = await backfillCredits();
  if (done.accounts || done.stories) console.log(`credits: ${done.accounts} accounts, ${done.stories} stories read from their bylines`);
  await db().$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
