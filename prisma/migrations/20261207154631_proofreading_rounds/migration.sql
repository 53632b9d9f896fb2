-- CreateEnum
CREATE TYPE "ProofMarkKind" AS ENUM ('WRONG_CHAR', 'EXTRA', 'MISSING', 'PUNCTUATION', 'QUERY');

-- CreateEnum
CREATE TYPE "MarkResolution" AS ENUM ('APPLIED', 'KEPT');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'PROOFREADER';

-- AlterTable
ALTER TABLE "PaperProfile" ADD COLUMN     "proofRounds" INTEGER NOT NULL DEFAULT 3;

-- CreateTable
CREATE TABLE "ProofRound" (
    "id" TEXT NOT NULL,
    "pageId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "pageVersion" INTEGER NOT NULL,
    "openedById" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "ProofRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProofMark" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,
    "kind" "ProofMarkKind" NOT NULL,
    "suggestion" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL,
    "markedById" TEXT NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolution" "MarkResolution",
    "reason" TEXT NOT NULL DEFAULT '',
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "ProofMark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProofRound_pageId_number_key" ON "ProofRound"("pageId", "number");

-- CreateIndex
CREATE INDEX "ProofMark_roundId_idx" ON "ProofMark"("roundId");

-- CreateIndex
CREATE INDEX "ProofMark_storyId_idx" ON "ProofMark"("storyId");

-- CreateIndex
CREATE INDEX "ProofMark_markedById_markedAt_idx" ON "ProofMark"("markedById", "markedAt");

-- AddForeignKey
ALTER TABLE "ProofRound" ADD CONSTRAINT "ProofRound_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "Page"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProofRound" ADD CONSTRAINT "ProofRound_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProofMark" ADD CONSTRAINT "ProofMark_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ProofRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProofMark" ADD CONSTRAINT "ProofMark_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProofMark" ADD CONSTRAINT "ProofMark_markedById_fkey" FOREIGN KEY ("markedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProofMark" ADD CONSTRAINT "ProofMark_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- One round open on a page at a time: a second one opened at the same moment is refused here too.
CREATE UNIQUE INDEX "ProofRound_one_open" ON "ProofRound"("pageId") WHERE "closedAt" IS NULL;
