"use server";

import { z } from "zod";
import { deskAction, recordId } from "@/lib/actions/desk-action";
import { updatePhoto } from "@/lib/photos/mutations";

// The photo's words, from the photo page or a batch upload's row: only the fields the form sends change.
const field = z.string().max(2000).optional();
export const updatePhotoAction = deskAction(
  z.object({ photoId: recordId, version: z.coerce.number().int().positive().optional(), caption: field, credit: field, altText: field, keywords: field, place: field, event: field }),
  async ({ photoId, version, ...texts }, user) => {
    const saved = await updatePhoto(user, photoId, texts, version);
    // The credit is named: a caption saved with 某某 摄 at its end may have just given it.
    return { message: saved.credit ? `已保存（署名：${saved.credit}）` : "已保存，这张图片还没有摄影署名", version: saved.version };
  },
);
