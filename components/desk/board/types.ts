import type { BoardPage, IssueBoard, WaitingStory } from "@/lib/issues/board";
import type { FieldErrors } from "@/lib/core/errors";
import type { SizeClass } from "@/lib/issues/page-plan";

export type { BoardPage, IssueBoard, WaitingStory };

export type { PageAt } from "@/lib/issues/commands";
import type { PageAt } from "@/lib/issues/commands";

/** What the board asks of the server; each answer brings back the pages it touched. */
export type BoardCommand =
  | { do: "place"; storyId: string; to: PageAt; index: number }
  | { do: "move"; placementId: string; from: PageAt; to: PageAt; index: number }
  | { do: "resize"; placementId: string; at: PageAt; size: SizeClass }
  | { do: "lead"; placementId: string; at: PageAt }
  | { do: "jump"; placementId: string; at: PageAt; continuesOn: PageAt | null }
  | { do: "remove"; placementId: string; at: PageAt }
  | { do: "slot"; at: PageAt; plan: Record<string, unknown> }
  | { do: "plan"; at: PageAt; plan: Record<string, unknown> }
  | { do: "submit"; at: PageAt }
  | { do: "removePage"; at: PageAt };

export type BoardAnswer =
  | { ok: true; pages: BoardPage[]; waiting: WaitingStory[] }
  | { ok: false; message: string; fieldErrors: FieldErrors; pages: BoardPage[]; waiting: WaitingStory[] | null };

export type BoardAct = (command: BoardCommand) => Promise<BoardAnswer>;
