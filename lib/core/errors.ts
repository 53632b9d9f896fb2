// A refusal the user should read: a Chinese message, optionally per form field.
// Anything else thrown from lib/ is a bug and is shown as a generic failure.
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  constructor(
    readonly code: "invalid" | "too_large" | "forbidden" | "not_found" | "conflict" | "locked" | "busy",
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const invalid = (message: string, fieldErrors: FieldErrors = {}) => new DomainError("invalid", message, fieldErrors);
export const tooLarge = (message: string) => new DomainError("too_large", message);
export const forbidden = (message = "你没有权限做这件事") => new DomainError("forbidden", message);
export const notFound = (message = "找不到这篇稿件，或你无权查看") => new DomainError("not_found", message);
export const conflict = (message: string) => new DomainError("conflict", message);
/** Someone else holds the story's edit lock: the editor, told so by this code, shows the lock as lost. */
export const locked = (message: string) => new DomainError("locked", message);
/** The server is at capacity for this kind of work; trying again shortly will do. */
export const busy = (message: string) => new DomainError("busy", message);
