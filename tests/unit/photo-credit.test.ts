import { describe, expect, it } from "vitest";
import { asPhotoCredit, photoWords, splitCaptionCredit } from "@/lib/contributors/photo-credit";

// Captions as county papers' photographers hand them in, with the credit where they put it.
// Names and places are invented for these tests.
const CAPTIONS: [string, { caption: string; credit: string }][] = [
  ["孩子们在柳河镇冰场上练习滑冰。 钱晓峰 摄", { caption: "孩子们在柳河镇冰场上练习滑冰。", credit: "钱晓峰 摄" }],
  ["孩子们在柳河镇冰场上练习滑冰。钱晓峰/摄", { caption: "孩子们在柳河镇冰场上练习滑冰。", credit: "钱晓峰 摄" }],
  ["孩子们在柳河镇冰场上练习滑冰。钱晓峰／摄", { caption: "孩子们在柳河镇冰场上练习滑冰。", credit: "钱晓峰 摄" }],
  ["孩子们在柳河镇冰场上练习滑冰。（钱晓峰 摄）", { caption: "孩子们在柳河镇冰场上练习滑冰。", credit: "钱晓峰 摄" }],
  ["孩子们在柳河镇冰场上练习滑冰(钱晓峰 摄)", { caption: "孩子们在柳河镇冰场上练习滑冰", credit: "钱晓峰 摄" }],
  ["孩子们在柳河镇冰场上练习滑冰。 本报记者 钱晓峰 摄", { caption: "孩子们在柳河镇冰场上练习滑冰。", credit: "本报记者 钱晓峰 摄" }],
  ["孩子们在柳河镇冰场上练习滑冰。本报记者钱晓峰摄", { caption: "孩子们在柳河镇冰场上练习滑冰。", credit: "本报记者钱晓峰 摄" }],
  ["收割机在东坪村的稻田里作业。 通讯员 孟雪 柯一帆 摄", { caption: "收割机在东坪村的稻田里作业。", credit: "通讯员 孟雪 柯一帆 摄" }],
  ["收割机在东坪村的稻田里作业 孟雪 摄", { caption: "收割机在东坪村的稻田里作业", credit: "孟雪 摄" }],
  ["11月30日，志愿者在南湖公园清扫积雪。\n欧阳立群 摄", { caption: "11月30日，志愿者在南湖公园清扫积雪。", credit: "欧阳立群 摄" }],
  ["县城（东区）新修的街道 钱晓峰 摄", { caption: "县城（东区）新修的街道", credit: "钱晓峰 摄" }],
  // No credit at the end: the caption comes back whole.
  ["收割机在东坪村的稻田里作业。", { caption: "收割机在东坪村的稻田里作业。", credit: "" }],
  ["县委宣传部 提供", { caption: "县委宣传部 提供", credit: "" }],
  ["游客在湖边拍摄", { caption: "游客在湖边拍摄", credit: "" }],
  ["游客在湖边举起相机拍摄。", { caption: "游客在湖边举起相机拍摄。", credit: "" }],
  ["", { caption: "", credit: "" }],
];

describe("a caption's trailing credit", () => {
  it.each(CAPTIONS)("%j", (caption, expected) => {
    expect(splitCaptionCredit(caption)).toEqual(expected);
  });
});

describe("a new photo's caption and credit", () => {
  const none = { caption: "", credit: "" };
  it.each([
    ["typed credit wins over the file and the caption", { caption: "雪后的街道。 钱晓峰 摄", credit: "孟雪 摄" }, { caption: "", credit: "柯一帆" }, { caption: "雪后的街道。 钱晓峰 摄", credit: "孟雪 摄" }],
    ["the file's byline, made a credit", none, { caption: "雪后的街道。", credit: "柯一帆" }, { caption: "雪后的街道。", credit: "柯一帆 摄" }],
    ["the caption's tail when nothing else names anyone", none, { caption: "雪后的街道。 钱晓峰 摄", credit: "" }, { caption: "雪后的街道。", credit: "钱晓峰 摄" }],
    ["the typed caption's tail", { caption: "雪后的街道。钱晓峰/摄", credit: "" }, { caption: "别的说明", credit: "" }, { caption: "雪后的街道。", credit: "钱晓峰 摄" }],
    ["the file's credit equal to the caption's tail: printed once", none, { caption: "雪后的街道。 钱晓峰 摄", credit: "钱晓峰 摄" }, { caption: "雪后的街道。", credit: "钱晓峰 摄" }],
    ["nobody named: empty, to be asked", none, { caption: "雪后的街道。", credit: "" }, { caption: "雪后的街道。", credit: "" }],
  ])("%s", (_, typed, file, expected) => {
    expect(photoWords(typed, file)).toEqual(expected);
  });

  it("makes a camera's bare name the paper's credit and keeps a written one", () => {
    expect(asPhotoCredit("钱晓峰")).toBe("钱晓峰 摄");
    expect(asPhotoCredit("县委宣传部 提供")).toBe("县委宣传部 提供");
    expect(asPhotoCredit("")).toBe("");
  });
});
