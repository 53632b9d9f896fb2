-- CreateEnum
CREATE TYPE "ContributorRole" AS ENUM ('REPORTER', 'CORRESPONDENT', 'INTERN', 'SPECIAL', 'PHOTOGRAPHER', 'WRITER');

-- AlterEnum
ALTER TYPE "StoryKind" ADD VALUE 'PHOTO_STORY';

-- DropForeignKey
ALTER TABLE "Photo" DROP CONSTRAINT "Photo_storyId_fkey";

-- DropIndex
DROP INDEX "Photo_storyId_idx";

-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "bylineEdited" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Photo" DROP COLUMN "storyId",
ADD COLUMN     "camera" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "event" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "photographerId" TEXT,
ADD COLUMN     "place" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "takenAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "StoryPhoto" (
    "storyId" TEXT NOT NULL,
    "photoId" TEXT NOT NULL,

    CONSTRAINT "StoryPhoto_pkey" PRIMARY KEY ("storyId","photoId")
);

-- CreateTable
CREATE TABLE "Contributor" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "affiliation" TEXT NOT NULL DEFAULT '',
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contributor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoryContributor" (
    "id" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "contributorId" TEXT NOT NULL,
    "role" "ContributorRole" NOT NULL,
    "position" INTEGER NOT NULL,
    "fromPhotoCredit" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "StoryContributor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StoryPhoto_photoId_idx" ON "StoryPhoto"("photoId");

-- CreateIndex
CREATE UNIQUE INDEX "Contributor_slug_key" ON "Contributor"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Contributor_userId_key" ON "Contributor"("userId");

-- CreateIndex
CREATE INDEX "Contributor_name_idx" ON "Contributor"("name");

-- CreateIndex
CREATE INDEX "StoryContributor_contributorId_storyId_idx" ON "StoryContributor"("contributorId", "storyId");

-- CreateIndex
CREATE UNIQUE INDEX "StoryContributor_storyId_contributorId_role_key" ON "StoryContributor"("storyId", "contributorId", "role");

-- CreateIndex
CREATE INDEX "Photo_createdAt_idx" ON "Photo"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "Photo_photographerId_createdAt_idx" ON "Photo"("photographerId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Photo_takenAt_idx" ON "Photo"("takenAt" DESC);

-- CreateIndex
CREATE INDEX "Photo_searchText_idx" ON "Photo" USING GIN ("searchText" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_photographerId_fkey" FOREIGN KEY ("photographerId") REFERENCES "Contributor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryPhoto" ADD CONSTRAINT "StoryPhoto_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryPhoto" ADD CONSTRAINT "StoryPhoto_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "Photo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contributor" ADD CONSTRAINT "Contributor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryContributor" ADD CONSTRAINT "StoryContributor_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryContributor" ADD CONSTRAINT "StoryContributor_contributorId_fkey" FOREIGN KEY ("contributorId") REFERENCES "Contributor"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Link every story to the photos its body uses (the body is the record, the old storyId only knew the first story)
INSERT INTO "StoryPhoto" ("storyId", "photoId")
SELECT DISTINCT s.id, b->>'photoId'
FROM "Story" s, jsonb_array_elements(s.body) AS b
WHERE b->>'type' = 'photo' AND EXISTS (SELECT 1 FROM "Photo" p WHERE p.id = b->>'photoId');

-- The library's search text for photos uploaded before it existed (the app keeps it current)
UPDATE "Photo" SET "searchText" = concat_ws(E'\n', caption, credit);

-- Bylines are parsed into contributors by the app at start (lib/stories/credits-backfill.ts): the parser is TypeScript

-- Reader search finds a story by its byline and photo credits too (lib/stories/body.ts searchTextOf)
UPDATE "Story" SET "searchText" = concat_ws(E'\n', NULLIF(kicker, ''), NULLIF(headline, ''), NULLIF(subheadline, ''), NULLIF(byline, ''),
  (SELECT string_agg(t, E'\n') FROM jsonb_array_elements(body) AS b,
     LATERAL unnest(CASE WHEN b->>'type' = 'photo' THEN ARRAY[b->>'caption', b->>'credit'] ELSE ARRAY[b->>'text'] END) AS t
   WHERE coalesce(t, '') <> ''));
