// Every action the audit log records. Writers name one of these (AuditAction), so a misspelt action fails
// tsc; each has its Chinese name in lib/audit/labels.ts. Names no longer written stay for the entries that
// hold them (issue.publish, placement.up, placement.down). The story workflow's steps are not listed here:
// each row of its table (lib/stories/workflow.ts) adds `story.<step>` to AuditActionsFromAbove, so a new
// step is recorded and named without a line in this file.
export const AUDIT_ACTIONS = [
  "session.start", "session.end",
  "signin.fail", "signin.throttled", "signin.lockout", "signin.unlock",
  "user.create", "user.update",
  // A story's saves outside the workflow's steps.
  "story.create", "story.create_and_submit", "story.autosave", "story.revert", "story.import", "story.proofFix",
  "lock.acquire", "lock.takeover", "lock.release",
  "photo.upload", "photo.update", "photo.discard",
  "issue.create", "issue.publish", "issue.release", "issue.schedule", "issue.hold", "issue.import_page", "issue.render_again",
  "page.create", "page.delete", "page.plan", "page.submit", "page.sign", "page.reopen",
  "placement.up", "placement.down", "placement.move", "placement.size", "placement.lead", "placement.jump",
  "slot.plan", "slot.remove",
  "paper.update", "paper.format", "paper.deadlines",
  "inbox.read",
  "error.record", "error.void", "quality.limit", "review.chain",
  "proof.open", "proof.close", "proof.mark", "proof.apply", "proof.keep", "proof.rounds",
  "fees.close", "fees.adjust", "fees.table", "story.rate", "unit.create", "unit.update", "contributor.unit",
  "alarm.raise", "alarm.repeat", "alarm.end", "alarm.acknowledge",
] as const;

export type ListedAuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Actions a layer above adds to the list by declaration merging (as next-auth's Session is
 * extended), so this file imports no domain: the key is the action, the value unused.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuditActionsFromAbove {}

export type AuditAction = ListedAuditAction | keyof AuditActionsFromAbove;
