import { describe, expect, it } from "vitest";
import { storyAccess } from "@/lib/stories/access";
import { actionRow, allowedActions, decide, revisionLabel, FORM_ACTIONS, STORY_ACTION_NAMES, STORY_STATUSES, type StoryAction, type StoryStatus, tidingsOf } from "@/lib/stories/workflow";
import type { Role } from "@/lib/core/roles";
import { DEFAULT_CHAIN } from "@/lib/stories/review-chain";

// The expected table, written out by hand from the newsroom's rules (not derived from the code):
// which actor may take which action from which state, and where the story goes.
type Who = "own-correspondent" | "other-correspondent" | "editor" | "head" | "chief" | "admin";
const WHO: Record<Who, { role: Role; isAuthor: boolean }> = {
  "own-correspondent": { role: "CORRESPONDENT", isAuthor: true },
  "other-correspondent": { role: "CORRESPONDENT", isAuthor: false },
  editor: { role: "EDITOR", isAuthor: false },
  head: { role: "DESK_HEAD", isAuthor: false },
  chief: { role: "CHIEF_EDITOR", isAuthor: false },
  admin: { role: "ADMIN", isAuthor: false },
};

const EXPECTED: Record<StoryAction, Partial<Record<StoryStatus, Partial<Record<Who, StoryStatus>>>>> = {
  edit: {
    DRAFT: { "own-correspondent": "DRAFT" },
    RETURNED: { "own-correspondent": "RETURNED" },
    SUBMITTED: { editor: "SUBMITTED", head: "SUBMITTED", chief: "SUBMITTED" },
    IN_EDIT: { editor: "IN_EDIT", head: "IN_EDIT", chief: "IN_EDIT" },
    APPROVED: { editor: "APPROVED", head: "APPROVED", chief: "APPROVED" },
    PLACED: { editor: "PLACED", head: "PLACED", chief: "PLACED" },
  },
  note: Object.fromEntries(
    STORY_STATUSES.map((s) => [s, { "own-correspondent": s, editor: s, head: s, chief: s }]),
  ) as Partial<Record<StoryStatus, Partial<Record<Who, StoryStatus>>>>,
  submit: {
    DRAFT: { "own-correspondent": "SUBMITTED" },
    RETURNED: { "own-correspondent": "SUBMITTED" },
  },
  claim: { SUBMITTED: { editor: "IN_EDIT", head: "IN_EDIT", chief: "IN_EDIT" } },
  release: { IN_EDIT: { editor: "SUBMITTED", head: "SUBMITTED", chief: "SUBMITTED" } },
  // 初审 (the chain's own rules, who and in what order, are tests/unit/review-chain.test.ts).
  approve: {
    SUBMITTED: { editor: "APPROVED", head: "APPROVED", chief: "APPROVED" },
    IN_EDIT: { editor: "APPROVED", head: "APPROVED", chief: "APPROVED" },
    APPROVED: { editor: "APPROVED", head: "APPROVED", chief: "APPROVED" },
    PLACED: { editor: "PLACED", head: "PLACED", chief: "PLACED" },
  },
  secondReview: { APPROVED: { head: "APPROVED", chief: "APPROVED" }, PLACED: { head: "PLACED", chief: "PLACED" } },
  finalReview: { APPROVED: { chief: "APPROVED" }, PLACED: { chief: "PLACED" } },
  // 退改 to an earlier step, with the chain at 复审 (初审 passed by someone else).
  sendBack: { APPROVED: { head: "APPROVED", chief: "APPROVED" }, PLACED: { head: "PLACED", chief: "PLACED" } },
  return: {
    SUBMITTED: { editor: "RETURNED", head: "RETURNED", chief: "RETURNED" },
    IN_EDIT: { editor: "RETURNED", head: "RETURNED", chief: "RETURNED" },
    APPROVED: { editor: "RETURNED", head: "RETURNED", chief: "RETURNED" },
  },
  spike: {
    SUBMITTED: { editor: "SPIKED", head: "SPIKED", chief: "SPIKED" },
    IN_EDIT: { editor: "SPIKED", head: "SPIKED", chief: "SPIKED" },
    APPROVED: { editor: "SPIKED", head: "SPIKED", chief: "SPIKED" },
  },
  restore: { SPIKED: { editor: "SUBMITTED", head: "SUBMITTED", chief: "SUBMITTED" } },
  place: { APPROVED: { editor: "PLACED", head: "PLACED", chief: "PLACED" } },
  unplace: { PLACED: { editor: "APPROVED", head: "APPROVED", chief: "APPROVED" } },
  publish: { PLACED: { chief: "PUBLISHED" } },
  correct: { PUBLISHED: { editor: "PUBLISHED", head: "PUBLISHED", chief: "PUBLISHED" } },
  withdraw: { PUBLISHED: { chief: "WITHDRAWN" } },
};

const ACTIONS = Object.keys(EXPECTED) as StoryAction[];

describe("story workflow table", () => {
  for (const action of ACTIONS) {
    for (const status of STORY_STATUSES) {
      for (const who of Object.keys(WHO) as Who[]) {
        const expected = EXPECTED[action][status]?.[who];
        it(`${who} ${expected ? "may" : "may not"} ${action} a ${status} story`, () => {
          const { role, isAuthor } = WHO[who];
          const actor = { id: "actor", role };
          // The chain stands where this action's step is the one due, passed so far by others.
          const step = actionRow(action).review?.step ?? (actionRow(action).review?.toEarlierStep ? "SECOND" : undefined);
          const reviewedTo = step === "SECOND" ? "FIRST" : step === "FINAL" ? "SECOND" : null;
          const passedBy = { ...(reviewedTo ? { FIRST: { id: "first", name: "甲" } } : {}), ...(reviewedTo === "SECOND" ? { SECOND: { id: "second", name: "乙" } } : {}) };
          const review = { chain: DEFAULT_CHAIN, reviewedTo, passedBy, creditedIds: [isAuthor ? "actor" : "someone-else"] } as const;
          const story = { status, authorId: isAuthor ? "actor" : "someone-else", review };
          const decision = decide(action, story, actor);
          if (expected) {
            expect(decision).toEqual({ allowed: true, to: expected });
          } else {
            expect(decision.allowed).toBe(false);
            if (!decision.allowed) expect(decision.reason).toMatch(/[\u4e00-\u9fff]/);
          }
        });
      }
    }
  }

  it("an editor who wrote a draft handles it as its author", () => {
    const actor = { id: "ed", role: "EDITOR" as const };
    expect(decide("submit", { status: "DRAFT", authorId: "ed" }, actor)).toEqual({ allowed: true, to: "SUBMITTED" });
    expect(allowedActions({ status: "DRAFT", authorId: "ed" }, actor)).toEqual(["edit", "note", "submit"]);
  });

  it("no step of the review chain is decided without the chain", () => {
    const d = decide("approve", { status: "SUBMITTED", authorId: "a" }, { id: "e", role: "EDITOR" });
    expect(d).toEqual({ allowed: false, reason: "读不到这篇稿件的审稿记录，不能初审" });
  });

  it("names the state in a refusal", () => {
    const d = decide("submit", { status: "PUBLISHED", authorId: "a" }, { id: "a", role: "CORRESPONDENT" });
    expect(d).toEqual({ allowed: false, reason: "稿件状态为“已见报”，不能提交" });
  });
});

describe("who may read a story in the back office", () => {
  it("authors see their own work in every state", () => {
    for (const status of STORY_STATUSES) expect(storyAccess.may({ id: "a", role: "CORRESPONDENT" }, { status, authorId: "a" })).toBe(true);
  });
  it("other correspondents see nothing of it", () => {
    for (const status of STORY_STATUSES) expect(storyAccess.may({ id: "b", role: "CORRESPONDENT" }, { status, authorId: "a" })).toBe(false);
  });
  it("the desk sees everything but other people's drafts", () => {
    for (const status of STORY_STATUSES) expect(storyAccess.may({ id: "e", role: "EDITOR" }, { status, authorId: "a" })).toBe(status !== "DRAFT");
  });
  it("an admin does not read copy", () => {
    expect(storyAccess.may({ id: "x", role: "ADMIN" }, { status: "SUBMITTED", authorId: "a" })).toBe(false);
  });
});

// The table is the one place an action is described: what the form, the queue, the lock and the
// inbox do with each action is read from its row.
describe("each action's row says what follows from it", () => {
  it("every button on the story form says what it did, and its intent is the action's", () => {
    expect(FORM_ACTIONS).toEqual(["edit", "submit", "approve", "secondReview", "finalReview", "return", "release", "spike", "restore"]);
    for (const action of FORM_ACTIONS) expect(actionRow(action).done, action).toMatch(/^已/);
  });

  it("a button shown for another action names one of the table's", () => {
    for (const action of FORM_ACTIONS) {
      const also = actionRow(action).button?.alsoWhen;
      if (also !== undefined) expect(STORY_ACTION_NAMES, action).toContain(also);
    }
  });

  it("handing the copy on gives up the edit lock; working on it keeps it", () => {
    const handsOff = STORY_ACTION_NAMES.filter((a) => !actionRow(a).keepsLock && FORM_ACTIONS.includes(a as never));
    expect(handsOff).toEqual(["submit", "approve", "secondReview", "finalReview", "return", "release", "spike", "restore"]);
    expect(actionRow("edit").keepsLock).toBe(true);
    expect(actionRow("claim").keepsLock).toBe(true);
  });

  it("decisions that take copy out of an editor's hands send them back to the queue", () => {
    expect(STORY_ACTION_NAMES.filter((a) => actionRow(a).leavesQueue)).toEqual(["approve", "secondReview", "finalReview", "sendBack", "return", "release", "spike"]);
  });

  it("the desk hears of a submission (a second one as such), the author of the desk's decision", () => {
    expect(tidingsOf("submit", false)).toMatchObject({ who: "desk", kind: "SUBMITTED" });
    const again = tidingsOf("submit", true)!;
    expect(again).toMatchObject({ who: "desk", kind: "RESUBMITTED" });
    expect(again.message("张晗", "《标题》", "")).toBe("张晗重新提交了《标题》");
    expect(tidingsOf("return", false)!.message("刘明", "《标题》", "数字请核实")).toBe("刘明退回了《标题》：数字请核实");
    expect(tidingsOf("approve", false)).toMatchObject({ who: "author", kind: "APPROVED" });
    expect(tidingsOf("spike", false)!.message("刘明", "《标题》", "与昨日稿重复")).toBe("刘明退稿：《标题》：与昨日稿重复");
    expect(tidingsOf("release", false)).toBeUndefined();
  });

  it("the history names each revision by the action that made it, and the saves outside the workflow too", () => {
    expect(["edit", "submit", "approve", "secondReview", "finalReview", "sendBack", "restore", "publish", "withdraw", "takeover", "revert", "import"].map(revisionLabel)).toEqual([
      "保存", "提交", "初审通过", "复审通过", "终审通过", "退改", "恢复待审", "签发见报", "撤稿", "被接管时的内容", "恢复历史版本", "版面导入",
    ]);
  });

  it("the states are the database's", async () => {
    const { StoryStatus } = await import("@/lib/generated/prisma/enums");
    expect([...STORY_STATUSES].sort()).toEqual(Object.values(StoryStatus).sort());
  });
});
