-- CreateIndex
CREATE INDEX "Story_submittedAt_idx" ON "Story"("submittedAt" DESC);

