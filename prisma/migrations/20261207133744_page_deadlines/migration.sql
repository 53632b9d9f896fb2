-- AlterTable
ALTER TABLE "PaperProfile" ADD COLUMN     "copyDeadline" TEXT NOT NULL DEFAULT '20:00',
ADD COLUMN     "deadlineWarnMinutes" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "signDeadline" TEXT NOT NULL DEFAULT '23:00';

