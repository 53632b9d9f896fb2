import { describe, expect, it } from "vitest";
import { splitRunTogetherNames } from "@/lib/contributors/person-names";

// Names written together in a dateline or byline (实习记者 刘洋陈思): which people they are.
describe("splitRunTogetherNames", () => {
  const CASES: [string, string, string[], boolean][] = [
    ["two characters are one name", "刘洋", ["刘洋"], true],
    ["three characters are one name", "张晓燕", ["张晓燕"], true],
    ["two two-character names", "刘洋陈思", ["刘洋", "陈思"], true],
    ["a three- and a two-character name", "张晓燕刘洋", ["张晓燕", "刘洋"], true],
    ["a two- and a three-character name", "高宇郭丽娜", ["高宇", "郭丽娜"], true],
    ["two three-character names", "郭丽娜杜红梅", ["郭丽娜", "杜红梅"], true],
    ["three names", "周敏孟凡高宇", ["周敏", "孟凡", "高宇"], true],
    ["a compound surname is one person", "欧阳修明", ["欧阳修明"], true],
    ["four characters that no surnames split stay one name", "阿依古丽", ["阿依古丽"], true],
    ["a body is no person (left for the byline reader to refuse)", "县委宣传部", ["县委宣传部"], false],
    ["Latin letters are left alone", "Anna", ["Anna"], true],
  ];
  it.each(CASES)("%s: %s", (_, run, names, certain) => {
    expect(splitRunTogetherNames(run)).toEqual({ names, certain });
  });

  it("says when more than one reading was possible", () => {
    // 王林李华: 王林 + 李华 only; 王林李华明 could be 王林 + 李华明 or 王林李 + 华明 (华 is a surname too).
    expect(splitRunTogetherNames("王林李华明").certain).toBe(false);
    expect(splitRunTogetherNames("王林李华明").names).toEqual(["王林", "李华明"]);
  });
});
