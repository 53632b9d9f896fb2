import type { BodyBlock } from "@/lib/stories/body";

/** What each kind of body block is called in the form and in what a screen reader is told. */
export const TYPE_LABELS: Record<BodyBlock["type"], string> = { paragraph: "段落", subhead: "小标题", photo: "图片" };
