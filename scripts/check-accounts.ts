// Run by `npm start` on a real database (not for the demo). Two things stop a real installation
// from serving with accounts anyone could guess:
// - no accounts at all: it says how to make the first administrator;
// - demo accounts that still open with the README's published password (a database seeded by an
//   older version on its first start): it refuses to start and names them.
import { db } from "@/lib/platform/db";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../prisma/seed/accounts";

async function main(): Promise<number> {
  if ((await db().user.count()) === 0) {
    console.warn(
      [
        "",
        "数据库里还没有任何账号。请先创建第一位管理员（密码至少 10 个字符）：",
        "  NEW_USER_PASSWORD='一个足够长的密码' npm run user:create -- admin 管理员 ADMIN 报社技术部",
        "The database has no accounts yet: create the first administrator with `npm run user:create` (see README).",
        "",
      ].join("\n"),
    );
    return 0;
  }
  const demo = await db().user.findMany({
    where: { username: { in: DEMO_ACCOUNTS.map((a) => a.username) }, active: true },
    select: { username: true, passwordHash: true },
  });
  const open: string[] = [];
  for (const account of demo) if (await verifyPassword(account.passwordHash, DEMO_PASSWORD)) open.push(account.username);
  if (open.length === 0) return 0;
  console.error(
    [
      "",
      `这些账号仍在使用 README 里公开的演示密码：${open.join("、")}。为安全起见，系统不会启动。`,
      "请管理员在「账号管理」里为它们重设密码或停用它们（或在另一台机器上用演示库操作），然后再启动；",
      "这是演示服务器的话，用 SEED_DEMO=1 npm start 启动。",
      `Accounts still using the published demo password: ${open.join(", ")}. Change or disable them, or start with SEED_DEMO=1 for a demo server.`,
      "",
    ].join("\n"),
  );
  return 3;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .finally(() => db().$disconnect());
