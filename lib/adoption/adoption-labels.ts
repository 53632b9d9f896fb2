// Where a correspondent's piece stands, in their words (我的稿件), and a piece as it ran. Pure.

export type Adoption =
  | { state: "DRAFT" | "RECEIVED" | "IN_REVIEW" | "RETURNED" }
  | { state: "USED"; ran: RanPiece }
  | { state: "NOT_USED"; reason: string };

export const ADOPTION_LABELS: Record<Adoption["state"], string> = {
  DRAFT: "草稿",
  RECEIVED: "已收稿",
  IN_REVIEW: "审稿中",
  RETURNED: "退回修改",
  USED: "已采用",
  NOT_USED: "未采用",
};

export type RanPiece = {
  storyId: string;
  issueDate: string;
  pageNumber: number;
  pageName: string;
  /** As printed, which the desk may have rewritten. */
  headline: string;
  characters: number;
  isLead: boolean;
  /** The others credited with them, as printed. */
  sharedWith: string[];
};

