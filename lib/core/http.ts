import "server-only";
import { DomainError } from "@/lib/core/errors";

// JSON answers for route handlers, with readable Chinese messages for refusals.
const STATUS: Record<DomainError["code"], number> = { invalid: 400, too_large: 413, forbidden: 403, not_found: 404, conflict: 409, locked: 409, busy: 503 };

export function jsonError(error: unknown): Response {
  if (error instanceof DomainError) {
    return Response.json({ error: error.message, fieldErrors: error.fieldErrors }, { status: STATUS[error.code] });
  }
  console.error(error);
  return Response.json({ error: "服务器出错了，请稍后再试" }, { status: 500 });
}
