-- Issue 14.4: the gate verifies before it releases. A release to a listed person without the pickup
-- code records how the person's identity was checked (the photo on file, the ID number's last four
-- characters, or the ID document); a release before the child's batch records the batch time and the
-- minutes early that were confirmed. The columns are null on the releases stored before: they were
-- made when the gate recorded no check, and the table is append-only (they are not rewritten).
ALTER TABLE "child_day_events" ADD COLUMN "identity_check" text;--> statement-breakpoint
ALTER TABLE "child_day_events" ADD COLUMN "id_last4" text;--> statement-breakpoint
ALTER TABLE "child_day_events" ADD COLUMN "early_batch_time" text;--> statement-breakpoint
ALTER TABLE "child_day_events" ADD COLUMN "early_minutes" integer;--> statement-breakpoint
ALTER TABLE "child_day_events" ADD CONSTRAINT "child_day_events_identity_check" CHECK (("child_day_events"."identity_check" is null
          or ("child_day_events"."kind" = 'release' and "child_day_events"."method" = 'listed_person'
            and "child_day_events"."identity_check" in ('photo', 'id_last4', 'id_document')))
        and ("child_day_events"."identity_check" is not distinct from 'id_last4') = ("child_day_events"."id_last4" is not null)
        and ("child_day_events"."id_last4" is null or "child_day_events"."id_last4" ~ '^[0-9]{3}[0-9X]$'));--> statement-breakpoint
ALTER TABLE "child_day_events" ADD CONSTRAINT "child_day_events_early" CHECK (("child_day_events"."early_minutes" is null) = ("child_day_events"."early_batch_time" is null)
        and ("child_day_events"."early_minutes" is null or ("child_day_events"."kind" = 'release' and "child_day_events"."early_minutes" > 0
          and "child_day_events"."early_batch_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')));--> statement-breakpoint
-- A release to a listed person without an identity check cannot be stored from now on. The releases
-- recorded before this migration have none and stay as they were: the CHECK exempts rows recorded
-- before the moment the migration ran (recorded_at is the server's time of the insert, not a time a
-- client sends). That moment is this database's own, so the constraint is made here rather than in
-- src/db/schema.ts; a restore into a new database migrates first, and the restored rows were all
-- recorded before it.
DO $$
BEGIN
  EXECUTE format(
    'ALTER TABLE "child_day_events" ADD CONSTRAINT "child_day_events_listed_person_checked" CHECK ('
      '"kind" <> %L or "method" <> %L or "identity_check" is not null or "recorded_at" < %L::timestamptz)',
    'release', 'listed_person', now());
END
$$;
