// How the desk and the e-paper name pages and photo files.
export function pageLabel(number: number, name: string): string {
  return `第${number}版：${name}`;
}

export function photoUrl(photoId: string, size: "w480" | "w960" | "w1600" = "w960"): string {
  return `/api/photos/${photoId}/${size}`;
}
