"use server";

import { z } from "zod";
import { deskAction, recordId } from "@/lib/actions/desk-action";
import { renderAgain } from "@/lib/page-files/admin";

// 版面文件 → 重新生成: lib/page-files checks that the caller is an administrator.
export const renderPagesAgainAction = deskAction(z.object({ issueId: recordId }), async (input, user) => {
  const pages = await renderAgain(user, input.issueId);
  return { message: `已安排重新生成 ${pages} 个版面的 PDF 和图片`, redirectTo: "/desk/admin" };
});
