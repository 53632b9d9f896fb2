"use server";

import { z } from "zod";
import { deskAction, recordId } from "@/lib/actions/desk-action";
import { createIssue } from "@/lib/issues/mutations";
import { addPageTo, sendForSignOff, signPage } from "@/lib/issues/commands";

// Thin wrappers: each declares the shape of its form and lets lib/issues decide and check.

export const createIssueAction = deskAction(
  z.object({ date: z.string(), number: z.string().default("") }),
  async (input, user) => {
    const created = await createIssue(user, input);
    return { message: "已创建", redirectTo: `/desk/issues/${created.id}` };
  },
);

export const addPageAction = deskAction(
  z.object({ issueId: recordId, number: z.string(), name: z.string() }),
  async ({ issueId, number, name }, user) => {
    await addPageTo(user, issueId, { number, name });
    return { message: "已添加版面" };
  },
);



const pageAtForm = z.object({ pageId: recordId, version: z.coerce.number().int().min(0) });

/** From the proof: an editor sends the page to the chief editor (送签). */
export const sendForSignOffAction = deskAction(pageAtForm, async (at, user) => {
  await sendForSignOff(user, at);
  return { message: "已送值班总编签版" };
});

/** From the proof: the chief editor on duty signs the page (签版). */
export const signPageAction = deskAction(pageAtForm, async (at, user) => {
  await signPage(user, at);
  return { message: "已签版" };
});
