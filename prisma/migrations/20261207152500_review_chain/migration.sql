-- CreateEnum
CREATE TYPE "ReviewStep" AS ENUM ('FIRST', 'SECOND', 'FINAL');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('PASS', 'SEND_BACK', 'REJECT');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'DESK_HEAD';

-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "reviewMovedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedTo" "ReviewStep";

-- AlterTable
ALTER TABLE "PaperProfile" ADD COLUMN     "reviewSteps" "ReviewStep"[] DEFAULT ARRAY['FIRST', 'SECOND', 'FINAL']::"ReviewStep"[];

-- CreateTable
CREATE TABLE "ReviewRecord" (
    "id" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "step" "ReviewStep" NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "backTo" "ReviewStep",
    "opinion" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewRecord_storyId_createdAt_idx" ON "ReviewRecord"("storyId", "createdAt");

-- CreateIndex
CREATE INDEX "Story_reviewedTo_status_reviewMovedAt_idx" ON "Story"("reviewedTo", "status", "reviewMovedAt");

-- AddForeignKey
ALTER TABLE "ReviewRecord" ADD CONSTRAINT "ReviewRecord_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewRecord" ADD CONSTRAINT "ReviewRecord_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Copy approved under the single approval this replaces had its 初审: it now waits for 复审 (or 终审).
UPDATE "Story" SET "reviewedTo" = 'FIRST', "reviewMovedAt" = COALESCE("approvedAt", "updatedAt") WHERE "status" IN ('APPROVED', 'PLACED');

-- A 审稿单 is kept as written: never edited, never deleted. (Written with \x3B for the semicolons
-- inside the function: the migration runner splits statements on them.)
CREATE FUNCTION "review_record_kept"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''审稿单不能修改或删除''\x3B END';
CREATE TRIGGER "ReviewRecord_kept" BEFORE UPDATE OR DELETE ON "ReviewRecord" FOR EACH ROW EXECUTE FUNCTION "review_record_kept"();
CREATE TRIGGER "ReviewRecord_not_truncated" BEFORE TRUNCATE ON "ReviewRecord" FOR EACH STATEMENT EXECUTE FUNCTION "review_record_kept"();

-- Copy on a page the chief editor has already signed had that signature as its last reading: it
-- stands at 终审 (no sheet). Copy waiting on the desk waits from its submission.
UPDATE "Story" s SET "reviewedTo" = 'FINAL' FROM "Placement" p JOIN "Page" g ON g.id = p."pageId"
  WHERE p."storyId" = s.id AND g.status = 'SIGNED' AND s.status = 'PLACED';
UPDATE "Story" SET "reviewMovedAt" = COALESCE("submittedAt", "updatedAt") WHERE "status" IN ('SUBMITTED', 'IN_EDIT') AND "reviewMovedAt" IS NULL;
