-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- Fill the search text of stories written before this column existed (the app keeps it current).
UPDATE "Story" SET "searchText" = concat_ws(E'\n', kicker, headline, subheadline,
  (SELECT string_agg(coalesce(b->>'text', b->>'caption', ''), E'\n') FROM jsonb_array_elements(body) AS b));

-- CreateIndex
CREATE INDEX "Story_authorId_status_publishedAt_idx" ON "Story"("authorId", "status", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "Story_searchText_idx" ON "Story" USING GIN ("searchText" gin_trgm_ops);

