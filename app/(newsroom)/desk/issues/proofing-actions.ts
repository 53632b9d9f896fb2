"use server";

import { z } from "zod";
import { deskAction, recordId, versionNumber } from "@/lib/actions/desk-action";
import { closeRound, keepMark, markText, openRound } from "@/lib/proofing/rounds";
import { roundName } from "@/lib/proofing/marks";
import { applyProofMark } from "@/lib/desk/proof-commands";

// 三校 from the proof: thin wrappers, each declaring its form; lib/proofing decides and checks who asks.

export const openRoundAction = deskAction(z.object({ pageId: recordId }), async ({ pageId }, user) => {
  const { number } = await openRound(user, pageId);
  return { message: `${roundName(number)}已开始` };
});

export const closeRoundAction = deskAction(z.object({ roundId: recordId }), async ({ roundId }, user) => {
  await closeRound(user, roundId);
  return { message: "本轮校对已结束" };
});

export const markTextAction = deskAction(
  z.object({
    roundId: z.string(),
    storyId: z.string(),
    field: z.string(),
    start: z.string(),
    end: z.string(),
    quote: z.string(),
    version: z.string(),
    kind: z.string(),
    suggestion: z.string().default(""),
    note: z.string().default(""),
  }),
  async (input, user) => {
    await markText(user, input);
    return { message: "已标记" };
  },
);

export const applyMarkAction = deskAction(z.object({ markId: recordId, version: versionNumber }), async ({ markId, version }, user) => {
  await applyProofMark(user, markId, version);
  return { message: "已按标记改正" };
});

export const keepMarkAction = deskAction(z.object({ markId: recordId, reason: z.string().default("") }), async ({ markId, reason }, user) => {
  await keepMark(user, markId, reason);
  return { message: "已标为不改" };
});
