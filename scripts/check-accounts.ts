// Run by `npm start` on a real database: a database without accounts gets told how to make the
// first administrator (demo accounts are never created there on their own).
import { db } from "@/lib/platform/db";

async function main() {
  if ((await db().user.count()) > 0) return;
  console.warn(
    [
      "",
      "数据库里还没有任何账号。请先创建第一位管理员（密码至少 10 个字符）：",
      "  NEW_USER_PASSWORD='一个足够长的密码' npm run user:create -- admin 管理员 ADMIN 报社技术部",
      "The database has no accounts yet: create the first administrator with `npm run user:create` (see README).",
      "",
    ].join("\n"),
  );
}

main().finally(() => db().$disconnect());
