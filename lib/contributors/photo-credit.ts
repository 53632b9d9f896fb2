import { parseByline, type Credit } from "@/lib/contributors/byline";

// Who took a photo: the one rule. A photo's credit comes from the photo itself (what the uploader
// typed for it, the file's IPTC/XMP byline, or its caption's trailing “某某 摄”), never from the
// account that uploads it. Pure, so the upload, the story form and the tests share it
// (tests/unit/photo-credit.test.ts).

// A title that may stand before the names of a credit (本报记者 李文涛 摄).
const TITLE = /^(本报|新华社|特约)?(摄影记者|实习记者|特约记者|特约通讯员|记者|通讯员|摄影)$/u;
// Where a caption's own sentence ends and a credit may begin.
const BOUNDARY = /[。！？!?；;…”"，,、：:)）]/u;

/** One word of a credit: a title, a name, or a name with its 摄 (李文涛摄, 李文涛/摄). */
function isCreditWord(word: string): boolean {
  if (!/^[\p{Script=Han}·A-Za-z/／]+$/u.test(word)) return false;
  if (TITLE.test(word) || word === "摄" || word === "/摄" || word === "文") return true;
  return parseByline(`${word.replace(/[/／]?摄$/u, "")} 摄`).length === 1;
}

/** A bare name from a camera (李明) becomes the paper's credit (李明 摄); a written credit stays. */
export function asPhotoCredit(value: string): string {
  const text = value.trim();
  if (!text || /摄|提供|来源|图/u.test(text)) return text;
  return `${text} 摄`;
}

/**
 * Splits a caption that ends with its credit: “……雪地转转。 李文涛 摄”, “……李文涛/摄”,
 * “……（李文涛 摄）”, “……本报记者 李文涛 摄” give the caption without it and “李文涛 摄”
 * (“本报记者 李文涛 摄”). A caption that ends otherwise comes back whole, with no credit.
 */
export function splitCaptionCredit(caption: string): { caption: string; credit: string } {
  const whole = caption.trim();
  const none = { caption: whole, credit: "" };
  const text = whole.replace(/\s*[)）]\s*$/u, "");
  if (!/摄$/u.test(text)) return none;
  // The credit is the run of credit words at the end, after the caption's last sentence mark or bracket.
  const opened = Math.max(text.lastIndexOf("("), text.lastIndexOf("（"));
  let start = opened;
  for (let i = text.length - 1; i > opened; i--) {
    if (BOUNDARY.test(text[i]) || text[i] === "\n") {
      start = i;
      break;
    }
  }
  // 李文涛/摄 and 李文涛摄 are read as 李文涛 摄 (only the end changes, so the words keep their places).
  const tail = text.slice(start + 1).replace(/\s*[/／]?\s*摄$/u, " 摄");
  const tokens = [...tail.matchAll(/\S+/gu)];
  const words = tokens.map((m) => m[0]);
  let first = words.length;
  while (first > 0 && isCreditWord(words[first - 1])) first--;
  const creditWords = words.slice(first);
  if (first === words.length || parseByline(creditWords.join(" ")).every((c) => c.role !== "PHOTOGRAPHER")) return none;
  const credit = creditWords.join(" ");
  // What stays is the caption's own text, up to where the credit began (a bracket opened for it goes too).
  const rest = text.slice(0, start + 1 + (tokens[first].index ?? 0)).replace(/[（(]\s*$/u, "").trim();
  return { caption: rest, credit };
}

/**
 * A new photo's caption and credit: what the uploader typed wins, then the file's own credit, then
 * the credit the caption ends with (taken off the caption, which prints it separately); with none
 * of these the credit stays empty, for the form to ask.
 */
export function photoWords(typed: { caption: string; credit: string }, file: { caption: string; credit: string }): { caption: string; credit: string } {
  const caption = typed.caption || file.caption;
  const fromCaption = splitCaptionCredit(caption);
  const credit = typed.credit || asPhotoCredit(file.credit) || fromCaption.credit;
  // The caption keeps its tail unless that tail is the credit itself.
  return { caption: fromCaption.credit && fromCaption.credit === credit ? fromCaption.caption : caption, credit };
}

/** The people a credit names as having taken the photo (两人合摄 names two). */
export function photographersOf(credit: string): Credit[] {
  return parseByline(credit);
}

/** What the form says on a photo without a credit. */
export const MISSING_CREDIT = "这张图片没有摄影署名：文件和说明里都没有写，请填上拍摄者，例如“李文涛 摄”";
