// Ids as the database makes them (cuid: lower-case letters and digits), with room for the
// underscores and dashes of ids written by scripts and imports. A string of any other shape names
// no record, so lookups refuse it before it reaches Postgres, which answers a NUL byte or a
// malformed value with an error rather than "nothing found".
export const RECORD_ID = /^[A-Za-z0-9_-]{1,40}$/;

export function isRecordId(value: unknown): value is string {
  return typeof value === "string" && RECORD_ID.test(value);
}
