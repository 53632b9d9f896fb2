-- AlterTable
ALTER TABLE "PageFormat" ADD COLUMN     "bodySize" TEXT NOT NULL DEFAULT '小五',
ADD COLUMN     "gutterMm" DOUBLE PRECISION NOT NULL DEFAULT 4,
ADD COLUMN     "lineGap" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
ADD COLUMN     "paperHeightMm" DOUBLE PRECISION NOT NULL DEFAULT 540,
ADD COLUMN     "paperWidthMm" DOUBLE PRECISION NOT NULL DEFAULT 390,
ADD COLUMN     "typeAreaHeightMm" DOUBLE PRECISION NOT NULL DEFAULT 490,
ADD COLUMN     "typeAreaWidthMm" DOUBLE PRECISION NOT NULL DEFAULT 350;


-- The real sizes of the two formats (paper and 版心 in mm, 小五 body with half a character between
-- lines), each keeping the columns its paper set. Capacity is then what that grid holds: the
-- characters a column line holds, times the lines of a column, times the columns
-- (lib/issues/page-geometry.ts pageGrid does the same sum).
UPDATE "PageFormat" SET "paperWidthMm" = 390, "paperHeightMm" = 540, "typeAreaWidthMm" = 350, "typeAreaHeightMm" = 490, "gutterMm" = 4
WHERE "code" = 'broadsheet';
UPDATE "PageFormat" SET "paperWidthMm" = 270, "paperHeightMm" = 390, "typeAreaWidthMm" = 235, "typeAreaHeightMm" = 340, "gutterMm" = 4
WHERE "code" = 'tabloid';
UPDATE "PageFormat" SET "capacity" =
  floor(("typeAreaWidthMm" - ("columns" - 1) * "gutterMm") / "columns" / (9 * 25.4 / 72) + 1e-9)
  * floor("typeAreaHeightMm" / (9 * 25.4 / 72 * (1 + "lineGap")) + 1e-9)
  * "columns";
