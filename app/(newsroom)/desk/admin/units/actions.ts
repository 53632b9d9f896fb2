"use server";

import { z } from "zod";
import { deskAction, recordId } from "@/lib/actions/desk-action";
import { createUnit, setContributorUnit, updateUnit } from "@/lib/adoption/units";

// Thin wrappers: lib/adoption/units checks that the caller is an administrator and validates the values.

const text = z.string().default("");

export const createUnitAction = deskAction(z.object({ name: text, kind: text, region: text }), async (input, user) => {
  await createUnit(user, input);
  // The new unit joins the table above; the confirmation rides the redirect.
  return { message: `已新建单位：${input.name.trim()}`, redirectTo: "/desk/admin/units" };
});

export const updateUnitAction = deskAction(z.object({ unitId: recordId, name: text, kind: text, region: text }), async ({ unitId, ...input }, user) => {
  await updateUnit(user, unitId, input);
  return { message: "已保存" };
});

export const setContributorUnitAction = deskAction(
  // An empty choice takes the person out of any unit.
  z.object({ contributorId: recordId, unitId: z.union([recordId, z.literal("")]) }),
  async (input, user) => {
    await setContributorUnit(user, input.contributorId, input.unitId || null);
    return { message: "已保存" };
  },
);
