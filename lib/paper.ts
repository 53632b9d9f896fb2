// The newspaper this installation serves.
export const PAPER = {
  name: "吉平日报",
  slogan: "吉平市委机关报",
} as const;
