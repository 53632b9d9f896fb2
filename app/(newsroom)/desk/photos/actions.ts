"use server";

import { z } from "zod";
import { deskAction, recordId } from "@/lib/actions/desk-action";
import { updatePhoto } from "@/lib/photos/mutations";

// The photo's words, from the photo page or a batch upload's row: only the fields the form sends change.
const field = z.string().max(2000).optional();
export const updatePhotoAction = deskAction(
  z.object({ photoId: recordId, caption: field, credit: field, altText: field, keywords: field, place: field, event: field }),
  async ({ photoId, ...texts }, user) => {
    await updatePhoto(user, photoId, texts);
    return { message: "已保存" };
  },
);
