-- CreateEnum
CREATE TYPE "PageStatus" AS ENUM ('COMPOSING', 'AWAITING', 'SIGNED');

-- CreateEnum
CREATE TYPE "SizeClass" AS ENUM ('BANNER', 'LEAD', 'DOUBLE', 'SINGLE');

-- AlterEnum
BEGIN;
CREATE TYPE "IssueStatus_new" AS ENUM ('PLANNING', 'SCHEDULED', 'PUBLISHED');
ALTER TABLE "Issue" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Issue" ALTER COLUMN "status" TYPE "IssueStatus_new" USING ("status"::text::"IssueStatus_new");
ALTER TYPE "IssueStatus" RENAME TO "IssueStatus_old";
ALTER TYPE "IssueStatus_new" RENAME TO "IssueStatus";
DROP TYPE "IssueStatus_old";
ALTER TABLE "Issue" ALTER COLUMN "status" SET DEFAULT 'PLANNING';
COMMIT;

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'ASSIGNED';
ALTER TYPE "NotificationKind" ADD VALUE 'PAGE_AWAITING';
ALTER TYPE "NotificationKind" ADD VALUE 'PAGE_REOPENED';
ALTER TYPE "NotificationKind" ADD VALUE 'RELEASED';
ALTER TYPE "NotificationKind" ADD VALUE 'RELEASED_LATE';

-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "filedForId" TEXT;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "pageId" TEXT,
ALTER COLUMN "storyId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Page" ADD COLUMN     "designerCredit" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "editorCredit" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "formatCode" TEXT NOT NULL DEFAULT 'broadsheet',
ADD COLUMN     "proofreaderCredit" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "reserved" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "signedAt" TIMESTAMP(3),
ADD COLUMN     "signedById" TEXT,
ADD COLUMN     "status" "PageStatus" NOT NULL DEFAULT 'COMPOSING',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Placement" ADD COLUMN     "assigneeId" TEXT,
ADD COLUMN     "continuesOnId" TEXT,
ADD COLUMN     "deadline" TIMESTAMP(3),
ADD COLUMN     "size" "SizeClass" NOT NULL DEFAULT 'SINGLE',
ADD COLUMN     "slotTopic" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "targetLength" INTEGER,
ALTER COLUMN "storyId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "PaperProfile" (
    "id" TEXT NOT NULL DEFAULT 'paper',
    "name" TEXT NOT NULL,
    "cnNumber" TEXT NOT NULL DEFAULT '',
    "postalCode" TEXT NOT NULL DEFAULT '',
    "publisher" TEXT NOT NULL DEFAULT '',
    "releaseTime" TEXT NOT NULL DEFAULT '00:00',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaperProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PageFormat" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "columns" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,

    CONSTRAINT "PageFormat_pkey" PRIMARY KEY ("code")
);

-- The two formats Chinese dailies print, so existing pages (all 对开) have theirs. A paper adjusts
-- columns and capacity in 版面设置.
INSERT INTO "PageFormat" ("code", "name", "columns", "capacity") VALUES
  ('broadsheet', '对开', 8, 12000),
  ('tabloid', '四开', 5, 6000);

-- CreateIndex
CREATE UNIQUE INDEX "Story_filedForId_key" ON "Story"("filedForId");

-- CreateIndex
CREATE INDEX "Placement_assigneeId_idx" ON "Placement"("assigneeId");

-- AddForeignKey
ALTER TABLE "Story" ADD CONSTRAINT "Story_filedForId_fkey" FOREIGN KEY ("filedForId") REFERENCES "Placement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "Page"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Page" ADD CONSTRAINT "Page_formatCode_fkey" FOREIGN KEY ("formatCode") REFERENCES "PageFormat"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Page" ADD CONSTRAINT "Page_signedById_fkey" FOREIGN KEY ("signedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_continuesOnId_fkey" FOREIGN KEY ("continuesOnId") REFERENCES "Page"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

