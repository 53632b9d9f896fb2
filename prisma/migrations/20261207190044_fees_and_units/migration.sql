-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('OWN', 'PROPAGANDA', 'MEDIA_CENTER', 'GOVERNMENT', 'SCHOOL', 'COMPANY', 'OTHER');

-- CreateEnum
CREATE TYPE "PieceGrade" AS ENUM ('A', 'B', 'C');

-- CreateEnum
CREATE TYPE "FeeLineKind" AS ENUM ('PIECE', 'ADJUSTMENT', 'MANUAL');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'FINANCE';

-- AlterTable
ALTER TABLE "Contributor" ADD COLUMN     "unitId" TEXT;

-- AlterTable
ALTER TABLE "PaperProfile" ADD COLUMN     "feeTable" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "scoreRules" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "region" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoryRating" (
    "storyId" TEXT NOT NULL,
    "grade" "PieceGrade",
    "keyPiece" BOOLEAN NOT NULL DEFAULT false,
    "reprint" BOOLEAN NOT NULL DEFAULT false,
    "ratedById" TEXT NOT NULL,
    "ratedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoryRating_pkey" PRIMARY KEY ("storyId")
);

-- CreateTable
CREATE TABLE "FeeMonth" (
    "month" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedById" TEXT NOT NULL,
    "feeTable" JSONB NOT NULL,

    CONSTRAINT "FeeMonth_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "FeeLine" (
    "id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "kind" "FeeLineKind" NOT NULL,
    "contributorId" TEXT NOT NULL,
    "payeeName" TEXT NOT NULL,
    "unitName" TEXT NOT NULL DEFAULT '',
    "recordId" TEXT,
    "correctsId" TEXT,
    "amountFen" INTEGER NOT NULL,
    "formula" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE INDEX "FeeLine_month_contributorId_idx" ON "FeeLine"("month", "contributorId");

-- CreateIndex
CREATE INDEX "FeeLine_recordId_idx" ON "FeeLine"("recordId");

-- CreateIndex
CREATE INDEX "FeeLine_contributorId_month_idx" ON "FeeLine"("contributorId", "month");

-- CreateIndex
CREATE INDEX "Contributor_unitId_idx" ON "Contributor"("unitId");

-- AddForeignKey
ALTER TABLE "Contributor" ADD CONSTRAINT "Contributor_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryRating" ADD CONSTRAINT "StoryRating_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryRating" ADD CONSTRAINT "StoryRating_ratedById_fkey" FOREIGN KEY ("ratedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeMonth" ADD CONSTRAINT "FeeMonth_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeLine" ADD CONSTRAINT "FeeLine_contributorId_fkey" FOREIGN KEY ("contributorId") REFERENCES "Contributor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeLine" ADD CONSTRAINT "FeeLine_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "PrintRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeLine" ADD CONSTRAINT "FeeLine_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "FeeLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeLine" ADD CONSTRAINT "FeeLine_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A 稿酬 line and a closed month are kept as written: a closed month is never rewritten, and a
-- change after it is a new line in a later month. (\x3B for the semicolons inside the functions:
-- the migration runner splits statements on them.)
CREATE FUNCTION "fee_line_kept"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''稿酬明细不能修改或删除，更正请另记调整''\x3B END';
CREATE TRIGGER "FeeLine_kept" BEFORE UPDATE OR DELETE ON "FeeLine" FOR EACH ROW EXECUTE FUNCTION "fee_line_kept"();
CREATE TRIGGER "FeeLine_not_truncated" BEFORE TRUNCATE ON "FeeLine" FOR EACH STATEMENT EXECUTE FUNCTION "fee_line_kept"();
CREATE FUNCTION "fee_month_kept"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''已结算的月份不能修改或撤销''\x3B END';
CREATE TRIGGER "FeeMonth_kept" BEFORE UPDATE OR DELETE ON "FeeMonth" FOR EACH ROW EXECUTE FUNCTION "fee_month_kept"();
CREATE TRIGGER "FeeMonth_not_truncated" BEFORE TRUNCATE ON "FeeMonth" FOR EACH STATEMENT EXECUTE FUNCTION "fee_month_kept"();
