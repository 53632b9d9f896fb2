-- A withdrawn story still ran in print (lib/stories/in-print.ts ranInPrint): photos carried only by
-- stories withdrawn after their release, cleared by the withdrawal until now, are 已刊用 again.
UPDATE "Photo" p SET "hasRun" = true
WHERE p."hasRun" = false
  AND EXISTS (SELECT 1 FROM "StoryPhoto" sp JOIN "Story" s ON s."id" = sp."storyId"
              WHERE sp."photoId" = p."id" AND s."status" = 'WITHDRAWN' AND s."publishedAt" IS NOT NULL);
