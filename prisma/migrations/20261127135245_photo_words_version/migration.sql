-- AlterTable
ALTER TABLE "Photo" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

