-- AlterTable
ALTER TABLE "Photo" ADD COLUMN     "hasRun" BOOLEAN NOT NULL DEFAULT false;


-- Photos already carried by a published story have run (as lib/photos/links.ts refreshPhotosRun decides).
UPDATE "Photo" p SET "hasRun" = true
WHERE EXISTS (SELECT 1 FROM "StoryPhoto" sp JOIN "Story" s ON s."id" = sp."storyId" WHERE sp."photoId" = p."id" AND s."status" = 'PUBLISHED');
