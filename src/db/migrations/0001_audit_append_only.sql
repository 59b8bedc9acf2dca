-- F-26: the audit log is append-only. Rows can be added, never changed or removed by the app.
-- (Retention pruning after the legal minimum of 6 months is an operator task: it must run as the
-- table owner with this trigger disabled explicitly, which itself leaves a trace in the server log.)
CREATE FUNCTION kehou_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION kehou_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION kehou_refuse_change();
