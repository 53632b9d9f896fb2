import "server-only";
import { db } from "@/lib/platform/db";
import { parseStoredBody } from "@/lib/stories/body";
import { composeByline, parseByline } from "@/lib/contributors/byline";
import { ensureAccountContributor, writeCredits } from "@/lib/contributors/credits";

// Stories filed before credits were people carry only a byline string: their credits are read
// from it once (the parser is TypeScript, so this runs at start rather than in the SQL migration).
// Idempotent: it touches only accounts without a record and stories without credits.

export async function backfillCredits(batch = 200): Promise<{ accounts: number; stories: number }> {
  const accounts = await db().user.findMany({
    where: { contributor: null, role: { not: "ADMIN" } },
    select: { id: true, username: true, name: true, affiliation: true },
  });
  for (const user of accounts) await db().$transaction((tx) => ensureAccountContributor(tx, user));

  let stories = 0;
  let after = "";
  for (;;) {
    const rows = await db().story.findMany({
      where: { contributors: { none: {} }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: batch,
      select: { id: true, byline: true, body: true, authorId: true },
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    for (const row of rows) {
      const body = parseStoredBody(row.body);
      const contributors = parseByline(row.byline);
      if (contributors.length === 0 && !body.some((b) => b.type === "photo")) continue;
      await db().$transaction(async (tx) => {
        await writeCredits(tx, row.id, row.authorId, { contributors, body });
        // A line the list would print differently (本报讯（记者 …）, 顿号, 文/图) stays as it was printed.
        if (composeByline(contributors) !== row.byline) await tx.story.update({ where: { id: row.id }, data: { bylineEdited: true } });
      });
      stories += 1;
    }
  }
  return { accounts: accounts.length, stories };
}
