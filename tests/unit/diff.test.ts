import { describe, expect, it } from "vitest";
import { CHARACTER_EDIT_LIMIT, diffSequences, diffText } from "@/lib/stories/diff";

const apply = (parts: ReturnType<typeof diffText>, side: "before" | "after") =>
  parts.filter((p) => p.op === "equal" || p.op === (side === "before" ? "delete" : "insert")).map((p) => p.text).join("");

describe("character-level diff", () => {
  it("finds the changed characters inside a Chinese sentence", () => {
    const parts = diffText("全县已收获玉米86万亩。", "全县已收获玉米92万亩，进度过半。");
    expect(parts.filter((p) => p.op === "delete").map((p) => p.text).join("")).toBe("86");
    expect(parts.filter((p) => p.op === "insert").map((p) => p.text).join("")).toBe("92，进度过半");
  });

  it("rebuilds both texts exactly from its parts", () => {
    const before = "引题：秋收忙\n主题：梨树县秋收过半\n正文：\n第一段不变。\n第二段要改。\n第三段删掉。";
    const after = "引题：秋收忙\n主题：梨树县秋收进度过半\n正文：\n第一段不变。\n第二段已改好。\n新增一段。";
    const parts = diffText(before, after);
    expect(apply(parts, "before")).toBe(`${before}\n`);
    expect(apply(parts, "after")).toBe(`${after}\n`);
  });

  it("reports identical texts as one equal part", () => {
    expect(diffText("同一段文字", "同一段文字")).toEqual([{ op: "equal", text: "同一段文字\n" }]);
  });

  it("gives a shortest edit script", () => {
    const ops = diffSequences(Array.from("ABCABBA"), Array.from("CBABAC"))!;
    expect(ops.filter((o) => o.op !== "equal")).toHaveLength(5);
  });

  it("gives up past the edit limit instead of running long, and still shows both sides", () => {
    expect(diffSequences(Array.from("甲".repeat(50)), Array.from("乙".repeat(50)), 10)).toBeNull();
    const a = "甲".repeat(3000);
    const b = "乙".repeat(3000);
    // 6,000 edits: past the limit, so the work stops there (a bound on steps, not on this machine's speed).
    expect(diffSequences(Array.from(a), Array.from(b), CHARACTER_EDIT_LIMIT)).toBeNull();
    const parts = diffText(`标题\n${a}`, `标题\n${b}`);
    expect(apply(parts, "before")).toBe(`标题\n${a}\n`);
    expect(apply(parts, "after")).toBe(`标题\n${b}\n`);
  });
});
