// Every action the audit log records. Writers name one of these (AuditAction), so a misspelt action fails
// tsc; each has its Chinese name in audit-labels.ts. Names no longer written stay for the entries that hold them
// (issue.publish, placement.up, placement.down).
export const AUDIT_ACTIONS = [
  "session.start", "session.end",
  "signin.fail", "signin.throttled", "signin.lockout", "signin.unlock",
  "user.create", "user.update",
  "story.create", "story.create_and_submit", "story.edit", "story.autosave", "story.submit", "story.claim", "story.release", "story.approve", "story.return", "story.spike", "story.restore", "story.revert", "story.note", "story.place", "story.unplace", "story.publish", "story.correct", "story.withdraw", "story.import",
  "lock.acquire", "lock.takeover", "lock.release",
  "photo.upload", "photo.update", "photo.discard",
  "issue.create", "issue.publish", "issue.release", "issue.schedule", "issue.hold", "issue.import_page",
  "page.create", "page.delete", "page.plan", "page.submit", "page.sign", "page.reopen",
  "placement.up", "placement.down", "placement.move", "placement.size", "placement.lead", "placement.jump",
  "slot.plan", "slot.remove",
  "paper.update", "paper.format",
  "inbox.read",
  "alarm.raise", "alarm.repeat", "alarm.end", "alarm.acknowledge",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
