import type { ErrorKind as StoredErrorKind, ErrorSource as StoredErrorSource } from "@/lib/generated/prisma/enums";
import type { ListsEvery } from "@/lib/core/stored-enums";

// 差错 kinds and who found them, with their names as the quality rules and the desk use them. Pure:
// the record form's choices and the report's rows read them.

export const ERROR_KINDS = ["TEXT", "PUNCTUATION", "FACT", "POLITICAL", "PHOTO", "OTHER"] as const satisfies readonly StoredErrorKind[];
export type ErrorKind = (typeof ERROR_KINDS)[number];
true satisfies ListsEvery<StoredErrorKind, ErrorKind>;

export const ERROR_KIND_LABELS: Record<ErrorKind, string> = {
  TEXT: "文字",
  PUNCTUATION: "标点",
  FACT: "事实",
  POLITICAL: "政治性",
  PHOTO: "图片",
  OTHER: "其他",
};

export const ERROR_SOURCES = ["DESK", "READER", "QUALITY_CHECK"] as const satisfies readonly StoredErrorSource[];
export type ErrorSource = (typeof ERROR_SOURCES)[number];
true satisfies ListsEvery<StoredErrorSource, ErrorSource>;

export const ERROR_SOURCE_LABELS: Record<ErrorSource, string> = {
  DESK: "编辑部自查",
  READER: "读者来信",
  QUALITY_CHECK: "质检",
};

/** 差错率 in errors per 10,000 printed characters; null when nothing was printed to count against. */
export function errorRate(errors: number, characters: number): number | null {
  return characters > 0 ? (errors * 10000) / characters : null;
}

/** "万分之 1.25" as the quality report writes it. */
export function formatErrorRate(rate: number | null): string {
  return rate === null ? "—" : `万分之 ${rate.toFixed(2)}`;
}
