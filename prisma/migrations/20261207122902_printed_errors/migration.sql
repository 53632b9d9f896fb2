-- CreateEnum
CREATE TYPE "ErrorKind" AS ENUM ('TEXT', 'PUNCTUATION', 'FACT', 'POLITICAL', 'PHOTO', 'OTHER');

-- CreateEnum
CREATE TYPE "ErrorSource" AS ENUM ('DESK', 'READER', 'QUALITY_CHECK');

-- AlterTable
ALTER TABLE "PaperProfile" ADD COLUMN     "errorRateLimit" DOUBLE PRECISION NOT NULL DEFAULT 3;

-- CreateTable
CREATE TABLE "PrintedError" (
    "id" TEXT NOT NULL,
    "issueId" TEXT NOT NULL,
    "pageNumber" INTEGER NOT NULL,
    "storyId" TEXT,
    "kind" "ErrorKind" NOT NULL,
    "source" "ErrorSource" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "printed" TEXT NOT NULL,
    "correct" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voidedAt" TIMESTAMP(3),
    "voidedById" TEXT,
    "voidReason" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "PrintedError_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PrintedError_issueId_pageNumber_idx" ON "PrintedError"("issueId", "pageNumber");

-- CreateIndex
CREATE INDEX "PrintedError_recordedAt_idx" ON "PrintedError"("recordedAt");

-- AddForeignKey
ALTER TABLE "PrintedError" ADD CONSTRAINT "PrintedError_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrintedError" ADD CONSTRAINT "PrintedError_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrintedError" ADD CONSTRAINT "PrintedError_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrintedError" ADD CONSTRAINT "PrintedError_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A 差错 entry is kept as recorded: never deleted, never edited. One recorded in error is voided
-- once (voidedAt, voidedById, voidReason), and nothing else of it changes. (Written with \x3B for
-- the semicolons inside the function: the migration runner splits statements on them.)
CREATE FUNCTION "printed_error_kept"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF TG_OP IN (''DELETE'', ''TRUNCATE'') THEN RAISE EXCEPTION ''差错记录不能删除：登记错了请作废''\x3B END IF\x3B IF OLD."voidedAt" IS NOT NULL OR NEW."voidedAt" IS NULL OR (to_jsonb(NEW) - ARRAY[''voidedAt'',''voidedById'',''voidReason'']) <> (to_jsonb(OLD) - ARRAY[''voidedAt'',''voidedById'',''voidReason'']) THEN RAISE EXCEPTION ''差错记录不能修改：登记错了只能作废一次''\x3B END IF\x3B RETURN NEW\x3B END';
CREATE TRIGGER "PrintedError_kept" BEFORE UPDATE OR DELETE ON "PrintedError" FOR EACH ROW EXECUTE FUNCTION "printed_error_kept"();
CREATE TRIGGER "PrintedError_not_truncated" BEFORE TRUNCATE ON "PrintedError" FOR EACH STATEMENT EXECUTE FUNCTION "printed_error_kept"();
