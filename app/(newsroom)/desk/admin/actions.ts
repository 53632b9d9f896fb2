"use server";

import { z } from "zod";
import { deskAction, recordId } from "@/lib/actions/desk-action";
import { createUser, updateUser } from "@/lib/users/mutations";
import { updateDeadlines, updateErrorRateLimit, updatePageFormat, updatePaperProfile, updateProofRounds, updateReviewChain } from "@/lib/issues/paper-profile";

import { LOCK_SCOPES, liftSignInLock, lockLabel } from "@/lib/auth/throttle";
import { acknowledgeJobAlarm } from "@/lib/jobs/alarms";

// Thin wrappers: lib/users checks that the caller administers accounts and validates the values.

const text = z.string().default("");

export const createUserAction = deskAction(
  z.object({ username: text, name: text, role: text, affiliation: text, bylineTitle: text, password: text }),
  async (input, user) => {
    await createUser(user, input);
    return { message: `已创建账号 ${input.username}` };
  },
);

export const updateUserAction = deskAction(
  z.discriminatedUnion("what", [
    z.object({ what: z.literal("role"), userId: recordId, role: text }),
    z.object({ what: z.literal("password"), userId: recordId, password: text }),
    z.object({ what: z.literal("active"), userId: recordId, active: z.enum(["true", "false"]) }),
  ]),
  async (input, user) => {
    if (input.what === "role") await updateUser(user, { userId: input.userId, role: input.role });
    else if (input.what === "password") await updateUser(user, { userId: input.userId, password: input.password });
    else await updateUser(user, { userId: input.userId, active: input.active === "true" });
    return { message: "已保存，该账号需重新登录" };
  },
);

export const liftSignInLockAction = deskAction(
  z.object({ scope: z.enum(LOCK_SCOPES), subject: z.string().max(100) }),
  async (input, user) => {
    await liftSignInLock(user, input);
    // The lifted lock leaves the list with its form, so the confirmation rides the redirect.
    return { message: `已解除 ${lockLabel(input)} 的登录锁定`, redirectTo: "/desk/admin" };
  },
);

export const updatePaperProfileAction = deskAction(
  z.object({ name: text, cnNumber: text, postalCode: text, publisher: text, releaseTime: text }),
  async (input, user) => {
    await updatePaperProfile(user, input);
    return { message: "报社设置已保存" };
  },
);

export const updateDeadlinesAction = deskAction(z.object({ copyDeadline: text, signDeadline: text, deadlineWarnMinutes: text }), async (input, user) => {
  await updateDeadlines(user, input);
  return { message: "截稿与签版时间已保存" };
});

export const updateErrorRateLimitAction = deskAction(z.object({ errorRateLimit: text }), async (input, user) => {
  await updateErrorRateLimit(user, input.errorRateLimit);
  return { message: "差错率上限已保存" };
});

export const updateReviewChainAction = deskAction(z.object({ reviewChain: text }), async (input, user) => {
  await updateReviewChain(user, input.reviewChain);
  return { message: "审稿流程已保存" };
});

export const updateProofRoundsAction = deskAction(z.object({ proofRounds: text }), async (input, user) => {
  await updateProofRounds(user, input.proofRounds);
  return { message: "校次已保存" };
});

export const updatePageFormatAction = deskAction(
  z.object({ code: text, paperWidthMm: text, paperHeightMm: text, typeAreaWidthMm: text, typeAreaHeightMm: text, columns: text, gutterMm: text, bodySize: text, lineGap: text }),
  async (input, user) => {
    await updatePageFormat(user, input);
    return { message: "版式已保存，容量按版心和字号重新计算" };
  },
);

export const acknowledgeJobAlarmAction = deskAction(z.object({ alarmId: recordId, seenJobId: recordId }), async (input, user) => {
  await acknowledgeJobAlarm(user, input.alarmId, input.seenJobId);
  // The acknowledged alarm leaves the list with its form, so the confirmation rides the redirect.
  return { message: "已确认，这条警报不再显示", redirectTo: "/desk/admin" };
});
