import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { can, ROLES, type Capability } from "@/lib/core/roles";
import { ingestPhoto } from "@/lib/photos/ingest";
import { DomainError } from "@/lib/core/errors";
import { formatIssueDate } from "@/lib/core/dates";

describe("capabilities by role", () => {
  const expected: Record<Capability, string[]> = {
    "story:file": ["CORRESPONDENT", "EDITOR", "DESK_HEAD", "CHIEF_EDITOR"],
    "tag:create": ["CORRESPONDENT", "EDITOR", "DESK_HEAD", "CHIEF_EDITOR", "ADMIN"],
    "desk:review": ["EDITOR", "DESK_HEAD", "CHIEF_EDITOR"],
    "issue:assemble": ["EDITOR", "DESK_HEAD", "CHIEF_EDITOR"],
    "issue:publish": ["CHIEF_EDITOR"],
    "page:proofread": ["PROOFREADER"],
    "adoption:read": ["EDITOR", "DESK_HEAD", "CHIEF_EDITOR", "FINANCE", "ADMIN"],
    "fees:manage": ["FINANCE", "ADMIN"],
    "account:manage": ["ADMIN"],
  };
  for (const [capability, roles] of Object.entries(expected)) {
    it(`${capability}: ${roles.join(", ")}`, () => {
      expect(ROLES.filter((r) => can(r, capability as Capability))).toEqual(roles);
    });
  }
});

describe("photo ingest (real image processing)", () => {
  const image = (format: "jpeg" | "png" | "webp") =>
    sharp({ create: { width: 2000, height: 1000, channels: 3, background: "#3a6" } })[format]().toBuffer();

  it.each(["jpeg", "png", "webp"] as const)("accepts %s and makes upright derivatives no wider than asked", async (format) => {
    const photo = await ingestPhoto(await image(format), 10_000_000);
    expect(photo.width).toBe(2000);
    expect(photo.height).toBe(1000);
    const widths = await Promise.all(photo.derivatives.map(async (d) => (await sharp(d.data).metadata()).width));
    expect(widths).toEqual([480, 960, 1600]);
  });

  it("does not enlarge a small photo", async () => {
    const small = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#999" } }).png().toBuffer();
    const photo = await ingestPhoto(small, 10_000_000);
    expect(await Promise.all(photo.derivatives.map(async (d) => (await sharp(d.data).metadata()).width))).toEqual([300, 300, 300]);
  });

  const refusal = async (data: Buffer, max = 10_000_000) => {
    const e = await ingestPhoto(data, max).catch((x) => x);
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).message;
  };

  it("judges by content: text named .jpg is refused", async () => {
    expect(await refusal(Buffer.from("这不是图片，只是一段文字"))).toBe("只能上传 JPEG、PNG 或 WebP 格式的图片");
  });
  it("refuses an empty file", async () => {
    expect(await refusal(Buffer.alloc(0))).toBe("文件是空的，请重新选择图片");
  });
  it("refuses a file over the limit", async () => {
    expect(await refusal(await image("png"), 100)).toMatch(/图片不能超过/);
  });
  it("refuses a truncated JPEG", async () => {
    const jpeg = await image("jpeg");
    expect(await refusal(jpeg.subarray(0, 200))).toBe("图片文件已损坏或无法读取");
  });
  it("refuses a GIF", async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } }).gif().toBuffer();
    expect(await refusal(gif)).toBe("只能上传 JPEG、PNG 或 WebP 格式的图片");
  });
});

describe("newspaper formats", () => {
  it("prints an issue date with its weekday", () => {
    expect(formatIssueDate("2026-11-26")).toBe("2026年11月26日 星期四");
  });
});
