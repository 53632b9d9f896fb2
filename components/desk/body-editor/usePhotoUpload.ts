"use client";

import { useState } from "react";
import type { PickedPhoto } from "@/components/desk/body-editor/BlockInserter";

/**
 * One photo uploaded from the body (its ＋ or the last row's 添加图片): where it goes while it
 * uploads, and what went wrong in words the writer can act on. `insert` gets the stored photo.
 */
export function usePhotoUpload(insert: (at: number, photo: PickedPhoto) => void) {
  const [uploadError, setUploadError] = useState("");
  const [uploadingAt, setUploadingAt] = useState<number | null>(null);

  async function upload(at: number, file: File) {
    setUploadError("");
    setUploadingAt(at);
    try {
      const form = new FormData();
      form.append("file", file);
      const response = await fetch("/api/photos", { method: "POST", body: form });
      const answer = (await response.json().catch(() => ({}))) as Partial<PickedPhoto> & { error?: string };
      if (!response.ok || !answer.id) {
        // A proxy in front may refuse a big body itself, without our JSON message.
        const fallback = response.status === 413 ? "图片太大，服务器拒绝接收，请换一张较小的图片" : "上传失败，请重试";
        setUploadError(answer.error ?? fallback);
        return;
      }
      insert(at, { caption: "", credit: "", altText: "", width: 0, height: 0, ...answer, id: answer.id });
    } catch {
      setUploadError("网络中断，图片没有上传，请重试");
    } finally {
      setUploadingAt(null);
    }
  }

  return { upload, uploadError, uploadingAt };
}
