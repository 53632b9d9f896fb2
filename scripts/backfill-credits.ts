// Run by `npm start` after migrating: reads the credits of stories filed before bylines were people.
import { backfillCredits } from "@/lib/stories/credits-backfill";
import { db } from "@/lib/platform/db";

const done = await backfillCredits();
if (done.accounts || done.stories) console.log(`credits: ${done.accounts} accounts, ${done.stories} stories read from their bylines`);
await db().$disconnect();
