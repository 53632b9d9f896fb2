-- The audit log's append-only trigger fires per row, and TRUNCATE touches no row: it emptied the
-- log. A statement-level trigger with the same function refuses it, also where TRUNCATE ... CASCADE
-- of a table the log refers to ("User") would reach it.
CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
