CREATE TABLE "batch_choices" (
	"school_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"student_id" uuid NOT NULL,
	"batch" text NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "batch_choices_school_id_service_date_student_id_pk" PRIMARY KEY("school_id","service_date","student_id")
);
--> statement-breakpoint
CREATE TABLE "child_day_events" (
	"school_id" uuid NOT NULL,
	"event_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"service_date" date NOT NULL,
	"student_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mark" text,
	"based_on" uuid,
	"group_id" uuid,
	"method" text,
	"pickup_person_id" uuid,
	"staff_id" uuid,
	"automatic" boolean,
	"contact_person" text,
	"result" text,
	"reason" text,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user" uuid,
	"device_id" text,
	CONSTRAINT "child_day_events_school_id_event_id_pk" PRIMARY KEY("school_id","event_id"),
	CONSTRAINT "child_day_events_kind" CHECK ("child_day_events"."kind" in ('mark', 'call', 'custody', 'release', 'contact', 'escalate')),
	CONSTRAINT "child_day_events_mark" CHECK (("child_day_events"."kind" = 'mark') = ("child_day_events"."mark" is not null)
        and ("child_day_events"."mark" is null or "child_day_events"."mark" in ('present', 'late', 'absent', 'leave'))),
	CONSTRAINT "child_day_events_release" CHECK (("child_day_events"."kind" = 'release') = ("child_day_events"."method" is not null)
        and ("child_day_events"."method" is null or "child_day_events"."method" in ('pickup_code', 'listed_person', 'alone'))
        and ("child_day_events"."method" is distinct from 'alone' or "child_day_events"."pickup_person_id" is null)
        and ("child_day_events"."method" not in ('pickup_code', 'listed_person') or "child_day_events"."pickup_person_id" is not null)),
	CONSTRAINT "child_day_events_custody" CHECK ("child_day_events"."kind" <> 'custody' or ("child_day_events"."staff_id" is not null and "child_day_events"."automatic" is not null)),
	CONSTRAINT "child_day_events_contact" CHECK ("child_day_events"."kind" <> 'contact' or ("child_day_events"."result" is not null and "child_day_events"."reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "day_closures" (
	"school_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"closed_by" uuid NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"summary" jsonb NOT NULL,
	"note" text,
	CONSTRAINT "day_closures_school_id_service_date_pk" PRIMARY KEY("school_id","service_date")
);
--> statement-breakpoint
CREATE TABLE "gate_visits" (
	"school_id" uuid NOT NULL,
	"visit_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"visit_date" date NOT NULL,
	"visitor_name" text NOT NULL,
	"phone" text,
	"organisation" text,
	"purpose" text NOT NULL,
	"host" text NOT NULL,
	"in_at" timestamp with time zone NOT NULL,
	"in_by" uuid NOT NULL,
	"out_at" timestamp with time zone,
	"out_by" uuid,
	CONSTRAINT "gate_visits_school_id_visit_id_pk" PRIMARY KEY("school_id","visit_id"),
	CONSTRAINT "gate_visits_out" CHECK (("gate_visits"."out_at" is null) = ("gate_visits"."out_by" is null))
);
--> statement-breakpoint
CREATE TABLE "handovers" (
	"school_id" uuid NOT NULL,
	"handover_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_date" date NOT NULL,
	"stage" text NOT NULL,
	"group_id" uuid,
	"from_name" text NOT NULL,
	"to_name" text NOT NULL,
	"expected_count" integer NOT NULL,
	"counted_count" integer NOT NULL,
	"discrepancies" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "handovers_school_id_handover_id_pk" PRIMARY KEY("school_id","handover_id"),
	CONSTRAINT "handovers_stage" CHECK ("handovers"."stage" in ('start', 'end')),
	CONSTRAINT "handovers_counts" CHECK ("handovers"."expected_count" >= 0 and "handovers"."counted_count" >= 0),
	CONSTRAINT "handovers_discrepancy" CHECK ("handovers"."expected_count" = "handovers"."counted_count" or "handovers"."discrepancies" is not null)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "leave_requests" (
	"school_id" uuid NOT NULL,
	"leave_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"cancelled_by" uuid,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "leave_requests_school_id_leave_id_pk" PRIMARY KEY("school_id","leave_id"),
	CONSTRAINT "leave_requests_dates" CHECK ("leave_requests"."from_date" <= "leave_requests"."to_date")
);
--> statement-breakpoint
CREATE TABLE "pickup_codes" (
	"school_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"student_id" uuid NOT NULL,
	"code" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pickup_codes_school_id_service_date_student_id_pk" PRIMARY KEY("school_id","service_date","student_id"),
	CONSTRAINT "pickup_codes_code" CHECK ("pickup_codes"."code" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
ALTER TABLE "batch_choices" ADD CONSTRAINT "batch_choices_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_choices" ADD CONSTRAINT "batch_choices_student_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","student_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_day_events" ADD CONSTRAINT "child_day_events_by_user_users_id_fk" FOREIGN KEY ("by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_day_events" ADD CONSTRAINT "child_day_events_student_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","student_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_day_events" ADD CONSTRAINT "child_day_events_enrollment_fk" FOREIGN KEY ("school_id","enrollment_id") REFERENCES "public"."enrollments"("school_id","enrollment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_day_events" ADD CONSTRAINT "child_day_events_person_fk" FOREIGN KEY ("school_id","pickup_person_id") REFERENCES "public"."pickup_persons"("school_id","person_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_day_events" ADD CONSTRAINT "child_day_events_staff_fk" FOREIGN KEY ("school_id","staff_id") REFERENCES "public"."staff"("school_id","staff_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "day_closures" ADD CONSTRAINT "day_closures_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "day_closures" ADD CONSTRAINT "day_closures_school_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("school_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_visits" ADD CONSTRAINT "gate_visits_in_by_users_id_fk" FOREIGN KEY ("in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_visits" ADD CONSTRAINT "gate_visits_out_by_users_id_fk" FOREIGN KEY ("out_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_group_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."service_groups"("school_id","group_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_student_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","student_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_codes" ADD CONSTRAINT "pickup_codes_student_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","student_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "child_day_events_day_idx" ON "child_day_events" USING btree ("school_id","service_date","student_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "child_day_events_release_key" ON "child_day_events" USING btree ("school_id","service_date","student_id") WHERE "child_day_events"."kind" = 'release';--> statement-breakpoint
CREATE UNIQUE INDEX "child_day_events_custody_key" ON "child_day_events" USING btree ("school_id","service_date","student_id") WHERE "child_day_events"."kind" = 'custody';--> statement-breakpoint
CREATE INDEX "gate_visits_day_idx" ON "gate_visits" USING btree ("school_id","visit_date");--> statement-breakpoint
CREATE INDEX "handovers_day_idx" ON "handovers" USING btree ("school_id","service_date");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "leave_requests_student_idx" ON "leave_requests" USING btree ("school_id","student_id","from_date");--> statement-breakpoint
CREATE UNIQUE INDEX "pickup_codes_code_key" ON "pickup_codes" USING btree ("school_id","service_date","code");--> statement-breakpoint
-- A child's day is an append-only record (A 三.5 做好记录): corrections are new marks, never edits.
CREATE TRIGGER child_day_events_append_only BEFORE UPDATE OR DELETE ON child_day_events
  FOR EACH ROW EXECUTE FUNCTION kehou_refuse_change();
--> statement-breakpoint
CREATE TRIGGER child_day_events_no_truncate BEFORE TRUNCATE ON child_day_events
  FOR EACH STATEMENT EXECUTE FUNCTION kehou_refuse_change();
