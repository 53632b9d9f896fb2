// How the desk and the e-paper name pages and photo files.
/** A page as the paper names it: 第3版. (A number read back from the audit log comes as text.) */
export function pageLabel(number: number | string): string {
  return `第${number}版`;
}

export function photoUrl(photoId: string, size: "w480" | "w960" | "w1600" = "w960"): string {
  return `/api/photos/${photoId}/${size}`;
}
