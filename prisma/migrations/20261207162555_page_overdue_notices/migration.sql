-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'PAGE_OVERDUE';

