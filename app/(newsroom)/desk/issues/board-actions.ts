"use server";

import { z } from "zod";
import { deskCall, recordId } from "@/lib/actions/desk-action";
import { DomainError } from "@/lib/core/errors";
import type { SessionUser } from "@/lib/core/session";
import { boardPages, waitingStories } from "@/lib/issues/board";
import { SIZE_CLASSES } from "@/lib/issues/page-plan";
import { dropPage, makeLead, moveItem, placeOnPage, planSlot, resizeItem, sendForSignOff, setJump, takeOffPage, updatePagePlan, type PageAt } from "@/lib/issues/commands";
import type { BoardAnswer, BoardCommand } from "@/components/desk/board/types";

// The board's one Server Action: a command on the page plan, answered with the pages it touched as
// they are now, so the board never reloads. A refused command (a stale page, a rule) is answered
// with the same pages as they are, and the board shows them.

const pageAt = z.object({ pageId: recordId, version: z.number().int().min(0) });
const command = z.discriminatedUnion("do", [
  z.object({ do: z.literal("place"), storyId: recordId, to: pageAt, index: z.number().int().min(0) }),
  z.object({ do: z.literal("move"), placementId: recordId, from: pageAt, to: pageAt, index: z.number().int().min(0) }),
  z.object({ do: z.literal("resize"), placementId: recordId, at: pageAt, size: z.enum(SIZE_CLASSES) }),
  z.object({ do: z.literal("lead"), placementId: recordId, at: pageAt }),
  z.object({ do: z.literal("jump"), placementId: recordId, at: pageAt, continuesOn: pageAt.nullable() }),
  z.object({ do: z.literal("remove"), placementId: recordId, at: pageAt }),
  z.object({ do: z.literal("slot"), at: pageAt, plan: z.record(z.string(), z.unknown()) }),
  z.object({ do: z.literal("plan"), at: pageAt, plan: z.record(z.string(), z.unknown()) }),
  z.object({ do: z.literal("submit"), at: pageAt }),
  z.object({ do: z.literal("removePage"), at: pageAt }),
]) satisfies z.ZodType<BoardCommand>;

function pagesOf(c: z.infer<typeof command>): PageAt[] {
  switch (c.do) {
    case "place":
      return [c.to];
    case "move":
      return [c.from, c.to];
    case "jump":
      return c.continuesOn ? [c.at, c.continuesOn] : [c.at];
    default:
      return [c.at];
  }
}

async function run(user: SessionUser, c: z.infer<typeof command>): Promise<void> {
  switch (c.do) {
    case "place":
      return placeOnPage(user, c);
    case "move":
      return moveItem(user, c);
    case "resize":
      return resizeItem(user, c);
    case "lead":
      return makeLead(user, c);
    case "jump":
      return setJump(user, c);
    case "remove":
      return takeOffPage(user, c);
    case "slot":
      return void (await planSlot(user, c));
    case "plan":
      return updatePagePlan(user, c);
    case "submit":
      return sendForSignOff(user, c.at);
    case "removePage":
      return dropPage(user, c.at);
  }
}

export const boardAction = deskCall(
  z.tuple([command]),
  async (user, c): Promise<BoardAnswer> => {
    const touched = [...new Set(pagesOf(c).map((p) => p.pageId))];
    let refusal: DomainError | null = null;
    try {
      await run(user, c);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      refusal = e;
    }
    // A jump also changes the page the story continued on before: its old target is among the
    // pages the board reloads when it sees a jump answered (see IssueBoard).
    const [pages, waiting] = await Promise.all([boardPages(user, touched), waitingStories(user)]);
    return refusal ? { ok: false, message: refusal.message, fieldErrors: refusal.fieldErrors, pages, waiting } : { ok: true, pages, waiting };
  },
  (failure): BoardAnswer => ({ ok: false, message: failure.message, fieldErrors: failure.fieldErrors, pages: [], waiting: null }),
);
