import { describe, expect, it } from "vitest";
import { paragraphBreak, splitForJump } from "@/lib/issues/jump";
import type { BodyBlock, StoryBody } from "@/lib/stories/body";
import { countCharacters } from "@/lib/stories/body";

// 转版: where a jumping story breaks. A two-column story (双栏) on a page of 1,000 characters has
// 150 of them (15%); a photo in it takes 50 (5%) and its caption.
const CAPACITY = 1000;
const ROOM = 150;

// Copy of a given length: none of these characters is a numeral, so only punctuation decides.
const WORDS = "春夏秋冬东南西北山河湖海田园村镇";
let next = 0;
const run = (n: number) => Array.from({ length: n }, () => WORDS[next++ % WORDS.length]).join("");
/** A sentence of n characters, its 。 included. */
const sentence = (n: number) => `${run(n - 1)}。`;
const p = (...parts: string[]): BodyBlock => ({ type: "paragraph", text: parts.join("") });
const subhead = (text: string): BodyBlock => ({ type: "subhead", text });
const photo = (captionLength: number): BodyBlock => ({ type: "photo", photoId: "cphoto000000000000000001", caption: run(captionLength), credit: "赵晨 摄", altText: "" });

/** A part of a story as the test reads it: each block's text, a photo as [图] and its caption. */
const texts = (part: StoryBody) => part.map((b) => (b.type === "photo" ? `[图]${b.caption}` : b.type === "subhead" ? `【${b.text}】` : b.text));
const split = (body: StoryBody) => splitForJump(body, "DOUBLE", CAPACITY);

describe("where a jumping story breaks (转版)", () => {
  const [a60, b60, c60] = [sentence(60), sentence(60), sentence(60)];
  const plain100 = run(100);
  const [a30, b30, c30] = [sentence(30), sentence(30), sentence(30)];
  const [long80, short20] = [sentence(80), sentence(20)];
  const [a100, b100] = [sentence(100), sentence(100)];
  const [a50, b50, c50] = [sentence(50), sentence(50), sentence(50)];
  const quoted = `${run(48)}。”`;
  const [d110, d30] = [sentence(110), sentence(30)];
  const [e60, f60] = [sentence(60), sentence(60)];
  const [g50, h50] = [sentence(50), sentence(50)];
  const caption = photo(10);
  const lastPhoto = photo(6);
  const big = photo(140);
  const [i50, j50] = [sentence(50), sentence(50)];

  it.each<[string, StoryBody, string[], string[]]>([
    ["a paragraph longer than its space breaks after the last sentence that fits", [p(a60, b60, c60)], [a60 + b60], [c60]],
    ["paragraphs that fit stay whole; the next breaks inside, at a sentence", [p(plain100), p(a30, b30, c30)], [plain100, a30], [b30 + c30]],
    ["a paragraph whose first sentence does not fit the space left goes whole to the other page", [p(plain100), p(long80, short20)], [plain100], [long80 + short20]],
    [
      "one long paragraph and a photo (the trial's story): the text breaks on this page, its rest and the photo go on",
      [p(a100, b100), lastPhoto],
      [a100],
      [b100, ...texts([lastPhoto])],
    ],
    ["a photo that fits runs with the text after it, counted by its room", [caption, p(a50, b50, c50)], [...texts([caption]), a50], [b50 + c50]],
    ["a closing quote stays with the sentence it closes", [p(quoted, d110, d30)], [quoted], [d110 + d30]],
    ["a subhead is never left at the foot of the page: it goes on with its text", [p(plain100), subhead("科学规划"), p(e60, f60)], [plain100], ["【科学规划】", e60 + f60]],
    ["a story that fits its space runs whole, and nothing continues", [p(g50), p(h50)], [g50, h50], []],
    ["a photo bigger than the space still leaves the first sentence on the page", [big, p(i50, j50)], [...texts([big]), i50], [j50]],
  ])("%s", (_what, body, here, rest) => {
    const parts = split(body);
    expect([texts(parts.here), texts(parts.rest)]).toEqual([here, rest]);
    // Nothing lost, nothing repeated: the parts joined again are the story.
    expect([...texts(parts.here), ...texts(parts.rest)].join("")).toBe(texts(body).join(""));
    // A paragraph broken in two is one block more, and the rest says it opens inside it.
    expect(parts.midParagraph).toBe(parts.here.length + parts.rest.length === body.length + 1);
  });

  it("never runs over its space once a sentence of it is on the page, and loses or repeats nothing, whatever the copy", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    for (let story = 0; story < 200; story++) {
      const body: StoryBody = Array.from({ length: 1 + random(6) }, () => {
        if (random(8) === 0) return photo(random(30));
        if (random(10) === 0) return subhead(run(4 + random(8)));
        return p(...Array.from({ length: 1 + random(5) }, () => sentence(5 + random(70))));
      });
      const parts = split(body);
      expect([...texts(parts.here), ...texts(parts.rest)].join("")).toBe(texts(body).join(""));
      const printsText = parts.here.some((b) => b.type === "paragraph");
      if (parts.rest.length > 0) expect(printsText).toBe(true);
      const photos = parts.here.filter((b) => b.type === "photo").length;
      if (parts.here[0]?.type === "paragraph") expect(countCharacters(parts.here) + photos * 50).toBeLessThanOrEqual(ROOM);
    }
  });
});

describe("where a paragraph may break when the story has nothing on the page yet", () => {
  // The space ends inside the first sentence: a clause will do, or else the place between two
  // characters — never inside a figure, a Chinese numeral or a Latin word, never before punctuation.
  it.each<[string, string, number, string]>([
    ["after the last clause that fits", "春夏秋冬东南西北，山河湖海田园村镇，春夏秋冬。", 12, "春夏秋冬东南西北，"],
    ["1,200 and 10:30 are figures, not clauses", "春夏秋冬，上午10:30共1,200人次到场参观。", 14, "春夏秋冬，"],
    ["between characters, not inside 2026", "春夏秋冬东南西北山河湖20261231年至今", 13, "春夏秋冬东南西北山河湖"],
    ["between characters, not inside a Chinese numeral", "春夏秋冬东南西北山河湖二百一十三户", 13, "春夏秋冬东南西北山河湖"],
    ["between characters, not inside a Latin word or 3.5", "春夏秋冬东南西北山河湖GDP增长3.5个百分点", 13, "春夏秋冬东南西北山河湖"],
    ["never after an opening quote or before a closing one", "春夏秋冬东南西北山河“湖海”田园", 11, "春夏秋冬东南西北山河"],
    ["a sentence too long for any space still breaks after it", "春夏秋冬东南西北山河湖海田园村镇。春夏。", 0, "春夏秋冬东南西北山河湖海田园村镇。"],
  ])("%s", (_what, text, room, head) => {
    const at = paragraphBreak(text, room, true);
    expect(at === null ? text : text.slice(0, at)).toBe(head);
  });

  it("with something of the story already on the page, only a sentence's end breaks a paragraph", () => {
    expect(paragraphBreak("春夏秋冬东南西北，山河湖海田园村镇。", 12, false)).toBeNull();
    expect(paragraphBreak("春夏秋冬。东南西北，山河湖海田园村镇。", 12, false)).toBe(5);
  });
});
