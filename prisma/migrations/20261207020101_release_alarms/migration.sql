-- CreateEnum
CREATE TYPE "AlarmKind" AS ENUM ('RELEASE_OVERDUE', 'JOB_FAILED');

-- CreateEnum
CREATE TYPE "AlarmEnd" AS ENUM ('RELEASED', 'HELD', 'RESCHEDULED', 'ACKNOWLEDGED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'RELEASE_OVERDUE';
ALTER TYPE "NotificationKind" ADD VALUE 'JOB_FAILED';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "alarmId" TEXT;

-- CreateTable
CREATE TABLE "Alarm" (
    "id" TEXT NOT NULL,
    "kind" "AlarmKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "issueId" TEXT,
    "publishAt" TIMESTAMP(3),
    "queue" TEXT,
    "lastJobId" TEXT,
    "lastFailedAt" TIMESTAMP(3),
    "error" TEXT,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endedBy" "AlarmEnd",
    "acknowledgedById" TEXT,

    CONSTRAINT "Alarm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alarm_subject_key" ON "Alarm"("subject");

-- CreateIndex
CREATE INDEX "Alarm_endedAt_kind_idx" ON "Alarm"("endedAt", "kind");

-- CreateIndex
CREATE INDEX "Alarm_queue_lastFailedAt_idx" ON "Alarm"("queue", "lastFailedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_alarmId_recipientId_key" ON "Notification"("alarmId", "recipientId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_alarmId_fkey" FOREIGN KEY ("alarmId") REFERENCES "Alarm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alarm" ADD CONSTRAINT "Alarm_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alarm" ADD CONSTRAINT "Alarm_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

