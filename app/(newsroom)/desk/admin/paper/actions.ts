"use server";

import { z } from "zod";
import { deskAction } from "@/lib/actions/desk-action";
import { FEE_FORM_FIELDS, updateFeeTable, updateScoreRules } from "@/lib/fees/rules-settings";

// Thin wrappers: lib/fees/rules-settings checks that the caller is an administrator, reads the
// typed amounts and validates the rules. Every field is a string here (an unticked box is absent).

const text = z.string().max(200).default("");
const fieldsOf = (names: readonly string[]) => z.object(Object.fromEntries(names.map((name) => [name, text])));

export const updateFeeTableAction = deskAction(fieldsOf(FEE_FORM_FIELDS), async (input, user) => {
  const changed = await updateFeeTable(user, input);
  return { message: changed ? "稿酬标准已保存，尚未结算的月份按新标准计算" : "稿酬标准没有改动" };
});

const SCORE_FORM_FIELDS = ["frontPage", "lead", "keyPiece", "brief", "briefMaxChars", "shared", "photos", "excellentMinScore", "basedOn"];

export const updateScoreRulesAction = deskAction(fieldsOf(SCORE_FORM_FIELDS), async (input, user) => {
  const changed = await updateScoreRules(user, input);
  return { message: changed ? "采用计分办法已保存，采用统计按新办法计算" : "采用计分办法没有改动" };
});
