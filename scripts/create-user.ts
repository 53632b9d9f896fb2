// Creates an account from the command line, for the first administrator of a new installation.
// Usage: npm run user:create -- <username> <姓名> <ROLE> [affiliation]   (password from NEW_USER_PASSWORD)
import { db } from "@/lib/platform/db";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/core/audit";
import { ensureAccountContributor } from "@/lib/contributors/credits";
import { newUserInput } from "@/lib/validation/user";

async function main() {
  const [username, name, role, affiliation = ""] = process.argv.slice(2);
  const parsed = newUserInput.safeParse({
    username,
    name,
    role,
    affiliation,
    bylineTitle: role === "CORRESPONDENT" ? "本报通讯员" : "本报记者",
    password: process.env.NEW_USER_PASSWORD ?? "",
  });
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
    console.error("usage: NEW_USER_PASSWORD=... npm run user:create -- <username> <姓名> <CORRESPONDENT|EDITOR|CHIEF_EDITOR|ADMIN> [单位]");
    process.exit(2);
  }
  const { password, ...data } = parsed.data;
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const user = await tx.user.create({ data: { ...data, passwordHash }, select: { id: true, username: true, name: true, affiliation: true } });
    await ensureAccountContributor(tx, user);
    await recordAudit(tx, { actorId: null, action: "user.create", targetType: "user", targetId: user.id, summary: { username: data.username, role: data.role, via: "command line" } });
  });
  console.log(`created ${data.username} (${data.role})`);
}

main().finally(() => db().$disconnect());
