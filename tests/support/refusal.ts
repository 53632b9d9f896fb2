import { expect } from "vitest";
import { DomainError } from "@/lib/core/errors";

/** The DomainError a piece of work is refused with (the test fails if it is anything else). */
export async function refusal(work: Promise<unknown> | (() => unknown)): Promise<DomainError> {
  const e = await (typeof work === "function" ? Promise.resolve().then(work) : work).catch((x) => x);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}
