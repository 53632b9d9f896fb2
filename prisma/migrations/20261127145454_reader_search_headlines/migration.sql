-- CreateIndex
CREATE INDEX "Story_status_publishedAt_id_kicker_headline_subheadline_idx" ON "Story"("status", "publishedAt" DESC, "id", "kicker", "headline", "subheadline");

