import { describe, expect, it } from "vitest";
import {
  afterDecision,
  chainAfter,
  chainName,
  decideReview,
  decidingStep,
  dueStep,
  ownStep,
  REVIEW_CHAINS,
  sendBackTargets,
  waitingFor,
  type ReviewState,
} from "@/lib/stories/review-chain";

// The review chain's rules, written out from the 三审 practice (not derived from the code): three
// different people, none credited on the piece, each step in its order, each by those who may take it.
const THREE = REVIEW_CHAINS.three;
const TWO = REVIEW_CHAINS.two;
const person = (id: string) => ({ id, name: `名${id}` });
const editor = { id: "ed", role: "EDITOR" as const };
const head = { id: "hd", role: "DESK_HEAD" as const };
const chief = { id: "ce", role: "CHIEF_EDITOR" as const };
const chief2 = { id: "ce2", role: "CHIEF_EDITOR" as const };

function state(over: Partial<ReviewState> = {}): ReviewState {
  return { chain: THREE, reviewedTo: null, passedBy: {}, creditedIds: ["author"], ...over };
}

describe("which step is due", () => {
  it("walks 初审, 复审, 终审 on 三审 and skips 复审 on two steps", () => {
    expect([null, "FIRST", "SECOND", "FINAL"].map((r) => dueStep(THREE, r as never))).toEqual(["FIRST", "SECOND", "FINAL", null]);
    expect([null, "FIRST", "FINAL"].map((r) => dueStep(TWO, r as never))).toEqual(["FIRST", "FINAL", null]);
    // Copy that passed 复审 under 三审 goes on to 终审 when the paper moves to two steps.
    expect(dueStep(TWO, "SECOND")).toBe("FINAL");
  });

  it("each queue holds the copy from which its step is due", () => {
    expect(waitingFor(THREE, "FIRST")).toEqual([null]);
    expect(waitingFor(THREE, "SECOND")).toEqual(["FIRST"]);
    expect(waitingFor(THREE, "FINAL")).toEqual(["SECOND"]);
    expect(waitingFor(TWO, "FINAL")).toEqual(["FIRST", "SECOND"]);
    expect(waitingFor(TWO, "SECOND")).toEqual([]);
  });

  it("opens each person's queue on the latest step they may take", () => {
    expect([editor, head, chief].map((p) => ownStep(THREE, p.role))).toEqual(["FIRST", "SECOND", "FINAL"]);
    expect(ownStep(TWO, "DESK_HEAD")).toBe("FIRST");
  });

  it("reads a stored chain by its name, anything unknown as 三审", () => {
    expect(chainName(["FIRST", "FINAL"])).toBe("two");
    expect(chainName(["FIRST", "SECOND", "FINAL"])).toBe("three");
    expect(chainName(["FINAL"])).toBe("three");
  });
});

describe("who may take a step", () => {
  it("lets the desk take 初审, a 部门主任 or the 值班总编 复审, only the 值班总编 终审", () => {
    expect(decideReview("PASS", "FIRST", state(), editor)).toEqual({ allowed: true, step: "FIRST" });
    const atSecond = state({ reviewedTo: "FIRST", passedBy: { FIRST: person("ed") } });
    expect(decideReview("PASS", "SECOND", atSecond, editor)).toEqual({ allowed: false, reason: "复审须由部门主任或值班总编承担" });
    expect(decideReview("PASS", "SECOND", atSecond, head)).toEqual({ allowed: true, step: "SECOND" });
    const atFinal = state({ reviewedTo: "SECOND", passedBy: { FIRST: person("ed"), SECOND: person("hd") } });
    expect(decideReview("PASS", "FINAL", atFinal, head)).toEqual({ allowed: false, reason: "终审须由值班总编承担" });
    expect(decideReview("PASS", "FINAL", atFinal, chief)).toEqual({ allowed: true, step: "FINAL" });
  });

  it("never lets one person take two steps of one story, whatever their role", () => {
    const atFinal = state({ reviewedTo: "SECOND", passedBy: { FIRST: person("ed"), SECOND: person("ce") } });
    expect(decideReview("PASS", "FINAL", atFinal, chief)).toEqual({ allowed: false, reason: "你已承担这篇稿件的复审，三审须由不同的人承担" });
    expect(decideReview("PASS", "FINAL", atFinal, chief2)).toEqual({ allowed: true, step: "FINAL" });
    // Nor send it back or reject it at a later step.
    expect(decideReview("SEND_BACK", null, atFinal, chief).allowed).toBe(false);
    expect(decideReview("REJECT", null, atFinal, chief).allowed).toBe(false);
  });

  it("never lets the writer or anyone credited review the piece", () => {
    const credited = state({ creditedIds: ["author", "ce"] });
    expect(decideReview("PASS", "FIRST", credited, chief)).toEqual({ allowed: false, reason: "你是这篇稿件的作者或署名者，不能审读自己的稿件" });
    expect(decideReview("SEND_BACK", null, credited, chief).allowed).toBe(false);
  });

  it("refuses a step out of order, and a step taken twice names who took it", () => {
    expect(decideReview("PASS", "FINAL", state(), chief)).toEqual({ allowed: false, reason: "这篇稿件正待初审，还不能终审" });
    const atSecond = state({ reviewedTo: "FIRST", passedBy: { FIRST: person("ed") } });
    expect(decideReview("PASS", "FIRST", atSecond, chief)).toEqual({ allowed: false, reason: "这篇稿件的初审已由名ed通过" });
    expect(decideReview("PASS", "SECOND", state({ chain: TWO, reviewedTo: "FIRST", passedBy: { FIRST: person("ed") } }), head)).toEqual({
      allowed: false,
      reason: "本报审稿流程没有复审",
    });
    const done = state({ reviewedTo: "FINAL", passedBy: { FIRST: person("ed"), SECOND: person("hd"), FINAL: person("ce") } });
    expect(decideReview("PASS", "FINAL", done, chief2)).toEqual({ allowed: false, reason: "这篇稿件的终审已由名ce通过" });
  });

  it("takes 退改 and 退稿 at the step due, or after 终审 at 终审", () => {
    expect(decidingStep(state())).toBe("FIRST");
    expect(decidingStep(state({ reviewedTo: "FIRST" }))).toBe("SECOND");
    expect(decidingStep(state({ reviewedTo: "FINAL" }))).toBe("FINAL");
    const done = state({ reviewedTo: "FINAL", passedBy: { FIRST: person("ed"), SECOND: person("hd"), FINAL: person("ce") } });
    expect(decideReview("SEND_BACK", null, done, chief)).toEqual({ allowed: true, step: "FINAL" });
    expect(decideReview("SEND_BACK", null, done, head).allowed).toBe(false);
  });
});

describe("where the chain stands after each 审稿单", () => {
  it("a pass reaches its step; 退改 reopens the step named and those after; to the author or 退稿 starts over", () => {
    expect(afterDecision("SECOND", "PASS", null)).toBe("SECOND");
    expect(afterDecision("FINAL", "SEND_BACK", "SECOND")).toBe("FIRST");
    expect(afterDecision("FINAL", "SEND_BACK", "FIRST")).toBe(null);
    expect(afterDecision("SECOND", "SEND_BACK", null)).toBe(null);
    expect(afterDecision("FINAL", "REJECT", null)).toBe(null);
  });

  it("replays a story's sheets into who passed what", () => {
    const sheets = [
      { step: "FIRST", decision: "PASS", backTo: null, reviewer: person("ed") },
      { step: "SECOND", decision: "PASS", backTo: null, reviewer: person("hd") },
      { step: "FINAL", decision: "SEND_BACK", backTo: "SECOND", reviewer: person("ce") },
    ] as const;
    expect(chainAfter(sheets)).toEqual({ reviewedTo: "FIRST", passedBy: { FIRST: person("ed") } });
    expect(chainAfter([...sheets, { step: "SECOND", decision: "PASS", backTo: null, reviewer: person("hd2") }])).toEqual({
      reviewedTo: "SECOND",
      passedBy: { FIRST: person("ed"), SECOND: person("hd2") },
    });
    expect(chainAfter([...sheets, { step: "SECOND", decision: "SEND_BACK", backTo: null, reviewer: person("hd") }])).toEqual({ reviewedTo: null, passedBy: {} });
  });

  it("sends back only to a step passed before the one deciding", () => {
    const atFinal = state({ reviewedTo: "SECOND", passedBy: { FIRST: person("ed"), SECOND: person("hd") } });
    expect(sendBackTargets(atFinal)).toEqual(["FIRST", "SECOND"]);
    expect(sendBackTargets(state())).toEqual([]);
    // Copy approved before the chain was kept stands at 初审 with nobody recorded: nothing to send back to.
    expect(sendBackTargets(state({ reviewedTo: "FIRST" }))).toEqual([]);
  });
});
