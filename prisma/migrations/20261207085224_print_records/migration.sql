-- CreateEnum
CREATE TYPE "PrintEvent" AS ENUM ('RELEASED', 'CORRECTED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "PrintRecord" (
    "id" TEXT NOT NULL,
    "event" "PrintEvent" NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issueId" TEXT NOT NULL,
    "issueDate" DATE NOT NULL,
    "issueNumber" INTEGER NOT NULL,
    "pageNumber" INTEGER NOT NULL,
    "pageName" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "isLead" BOOLEAN NOT NULL,
    "size" "SizeClass" NOT NULL,
    "continuedOnPage" INTEGER,
    "kind" "StoryKind" NOT NULL,
    "kicker" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "byline" TEXT NOT NULL,
    "characters" INTEGER NOT NULL,

    CONSTRAINT "PrintRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrintCredit" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "contributorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "ContributorRole" NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "PrintCredit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrintPhoto" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "photoId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "caption" TEXT NOT NULL,
    "credit" TEXT NOT NULL,

    CONSTRAINT "PrintPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PrintRecord_storyId_recordedAt_idx" ON "PrintRecord"("storyId", "recordedAt");

-- CreateIndex
CREATE INDEX "PrintRecord_issueId_pageNumber_position_idx" ON "PrintRecord"("issueId", "pageNumber", "position");

-- CreateIndex
CREATE INDEX "PrintRecord_issueDate_idx" ON "PrintRecord"("issueDate");

-- CreateIndex
CREATE INDEX "PrintCredit_contributorId_idx" ON "PrintCredit"("contributorId");

-- CreateIndex
CREATE UNIQUE INDEX "PrintCredit_recordId_contributorId_role_key" ON "PrintCredit"("recordId", "contributorId", "role");

-- CreateIndex
CREATE INDEX "PrintPhoto_photoId_idx" ON "PrintPhoto"("photoId");

-- CreateIndex
CREATE UNIQUE INDEX "PrintPhoto_recordId_position_key" ON "PrintPhoto"("recordId", "position");

-- AddForeignKey
ALTER TABLE "PrintRecord" ADD CONSTRAINT "PrintRecord_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrintRecord" ADD CONSTRAINT "PrintRecord_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrintCredit" ADD CONSTRAINT "PrintCredit_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "PrintRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrintCredit" ADD CONSTRAINT "PrintCredit_contributorId_fkey" FOREIGN KEY ("contributorId") REFERENCES "Contributor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrintPhoto" ADD CONSTRAINT "PrintPhoto_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "PrintRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrintPhoto" ADD CONSTRAINT "PrintPhoto_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "Photo"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Print records are never changed: a correction or a withdrawal adds a record.
-- (The migration runner splits its script at every semicolon, quoted or not: the body's own is written \x3B.)
CREATE FUNCTION "print_record_unchanged"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''见报记录不能修改（%）：更正或撤稿另记一条'', TG_TABLE_NAME\x3B END';
CREATE TRIGGER "PrintRecord_unchanged" BEFORE UPDATE ON "PrintRecord" FOR EACH ROW EXECUTE FUNCTION "print_record_unchanged"();
CREATE TRIGGER "PrintCredit_unchanged" BEFORE UPDATE ON "PrintCredit" FOR EACH ROW EXECUTE FUNCTION "print_record_unchanged"();
CREATE TRIGGER "PrintPhoto_unchanged" BEFORE UPDATE ON "PrintPhoto" FOR EACH ROW EXECUTE FUNCTION "print_record_unchanged"();

-- Back-fill for issues released before records were kept: what each story on their pages is now is
-- the best account of what ran (a later correction may already be in it). Ids are made from the
-- placement's so a re-run would collide rather than double.
INSERT INTO "PrintRecord" ("id", "event", "recordedAt", "issueId", "issueDate", "issueNumber", "pageNumber", "pageName", "storyId",
  "position", "isLead", "size", "continuedOnPage", "kind", "kicker", "headline", "byline", "characters")
SELECT 'pr' || substr(md5(pl."id" || ':released'), 1, 24), 'RELEASED', COALESCE(i."publishedAt", s."publishedAt", i."date"), i."id", i."date", i."number", p."number", p."name", s."id",
  (SELECT count(*) FROM "Placement" o WHERE o."pageId" = pl."pageId" AND o."storyId" IS NOT NULL AND o."position" < pl."position")::int,
  pl."isLead", pl."size", (SELECT c."number" FROM "Page" c WHERE c."id" = pl."continuesOnId"), s."kind", s."kicker", s."headline", s."byline", s."charCount"
FROM "Placement" pl
JOIN "Page" p ON p."id" = pl."pageId"
JOIN "Issue" i ON i."id" = p."issueId"
JOIN "Story" s ON s."id" = pl."storyId"
WHERE i."status" = 'PUBLISHED' AND s."status" IN ('PUBLISHED', 'WITHDRAWN');

INSERT INTO "PrintCredit" ("id", "recordId", "contributorId", "name", "role", "position")
SELECT 'pc' || substr(md5(r."id" || ':' || sc."id"), 1, 24), r."id", sc."contributorId", c."name", sc."role", sc."position"
FROM "PrintRecord" r
JOIN "StoryContributor" sc ON sc."storyId" = r."storyId"
JOIN "Contributor" c ON c."id" = sc."contributorId";

INSERT INTO "PrintPhoto" ("id", "recordId", "photoId", "position", "caption", "credit")
SELECT 'pp' || substr(md5(r."id" || ':' || b.n::text), 1, 24), r."id", b.block->>'photoId',
  (row_number() OVER (PARTITION BY r."id" ORDER BY b.n) - 1)::int, COALESCE(b.block->>'caption', ''), COALESCE(b.block->>'credit', '')
FROM "PrintRecord" r
JOIN "Story" s ON s."id" = r."storyId"
CROSS JOIN LATERAL jsonb_array_elements(s."body") WITH ORDINALITY AS b(block, n)
WHERE b.block->>'type' = 'photo' AND EXISTS (SELECT 1 FROM "Photo" ph WHERE ph."id" = b.block->>'photoId');

-- What happened after: each published correction, and a withdrawal, as records of their own.
INSERT INTO "PrintRecord" ("id", "event", "recordedAt", "issueId", "issueDate", "issueNumber", "pageNumber", "pageName", "storyId",
  "position", "isLead", "size", "continuedOnPage", "kind", "kicker", "headline", "byline", "characters")
SELECT 'pr' || substr(md5(x."id" || ':corrected'), 1, 24), 'CORRECTED', x."createdAt", r."issueId", r."issueDate", r."issueNumber", r."pageNumber", r."pageName", r."storyId",
  r."position", r."isLead", r."size", r."continuedOnPage", r."kind", r."kicker", r."headline", r."byline", r."characters"
FROM "Correction" x JOIN "PrintRecord" r ON r."storyId" = x."storyId" AND r."event" = 'RELEASED';

INSERT INTO "PrintRecord" ("id", "event", "recordedAt", "issueId", "issueDate", "issueNumber", "pageNumber", "pageName", "storyId",
  "position", "isLead", "size", "continuedOnPage", "kind", "kicker", "headline", "byline", "characters")
SELECT 'pr' || substr(md5(r."id" || ':withdrawn'), 1, 24), 'WITHDRAWN', s."updatedAt", r."issueId", r."issueDate", r."issueNumber", r."pageNumber", r."pageName", r."storyId",
  r."position", r."isLead", r."size", r."continuedOnPage", r."kind", r."kicker", r."headline", r."byline", r."characters"
FROM "PrintRecord" r JOIN "Story" s ON s."id" = r."storyId"
WHERE r."event" = 'RELEASED' AND s."status" = 'WITHDRAWN';
