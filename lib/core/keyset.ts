import { isRealDay } from "@/lib/core/dates";
import { isRecordId } from "@/lib/core/ids";

// Keyset paging for lists ordered by a moment then an id: the next page starts after the last row
// shown, so page 500 costs what page 1 costs. The cursor is written "<ISO moment>_<id>".

export function encodeCursor(at: Date, id: string): string {
  return `${at.toISOString()}_${id}`;
}

export function decodeCursor(value: string | undefined): { at: Date; id: string } | null {
  const match = value?.match(/^((\d{4}-\d{2}-\d{2})T[\d:.]+Z)_(.+)$/);
  // The day must be one the paper can have (a year 0 or 9999 timestamp makes Postgres refuse the query).
  if (!match || !isRealDay(match[2]) || Number.isNaN(Date.parse(match[1])) || !isRecordId(match[3])) return null;
  return { at: new Date(match[1]), id: match[3] };
}
