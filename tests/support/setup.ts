import { afterAll, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.PHOTO_DIR = inject("photoDir");
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret";

afterAll(async () => {
  const { db } = await import("@/lib/platform/db");
  await db().$disconnect();
});
