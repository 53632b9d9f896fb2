// The embedded database for machines without a Postgres server: PGlite (Postgres compiled to
// WebAssembly) keeping its files in a folder, served on localhost over the Postgres protocol so the
// app, the migrations and the seed all connect to it like to any Postgres.
// Only this process opens the data folder. Usage: node scripts/embedded-db.mjs <dir> <port>
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const [dir = ".data/pglite", port = "54329"] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const db = await PGlite.create({ dataDir: dir, extensions: { pg_trgm } });
const server = new PGLiteSocketServer({ db, port: Number(port), host: "127.0.0.1", maxConnections: 32 });
await server.start();
console.log(`embedded database ready on 127.0.0.1:${port} (data in ${dir})`);

async function stop() {
  await server.stop().catch(() => {});
  await db.close().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
