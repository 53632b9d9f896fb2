-- Issues released before pages had a sign-off went out as they were: their pages count as signed,
-- so their proofs offer nothing to sign and a released page reads as 已签.
UPDATE "Page" SET "status" = 'SIGNED', "signedAt" = i."publishedAt"
FROM "Issue" i
WHERE i.id = "Page"."issueId" AND i.status = 'PUBLISHED' AND "Page"."status" <> 'SIGNED';
