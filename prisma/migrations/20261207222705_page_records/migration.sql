-- CreateEnum
CREATE TYPE "PageRenderState" AS ENUM ('PENDING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "ReleasedPage" (
    "issueId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "view" JSONB NOT NULL,
    "releasedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReleasedPage_pkey" PRIMARY KEY ("issueId","number")
);

-- CreateTable
CREATE TABLE "PageRender" (
    "issueId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "state" "PageRenderState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT NOT NULL DEFAULT '',
    "storageKey" TEXT,
    "pdfBytes" INTEGER,
    "areas" JSONB,
    "renderedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PageRender_pkey" PRIMARY KEY ("issueId","number")
);

-- CreateIndex
CREATE INDEX "PageRender_state_idx" ON "PageRender"("state");

-- AddForeignKey
ALTER TABLE "ReleasedPage" ADD CONSTRAINT "ReleasedPage_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PageRender" ADD CONSTRAINT "PageRender_issueId_number_fkey" FOREIGN KEY ("issueId", "number") REFERENCES "ReleasedPage"("issueId", "number") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A released page's frozen view is what ran: never changed, as print records are.
CREATE TRIGGER "ReleasedPage_unchanged" BEFORE UPDATE ON "ReleasedPage" FOR EACH ROW EXECUTE FUNCTION "print_record_unchanged"();
