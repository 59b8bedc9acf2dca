CREATE TYPE "public"."application_status" AS ENUM('submitted', 'approved', 'waitlisted', 'withdrawn');--> statement-breakpoint
CREATE TABLE "applications" (
	"school_id" uuid NOT NULL,
	"application_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"term_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"status" "application_status" DEFAULT 'submitted' NOT NULL,
	"source" text NOT NULL,
	"weekdays" smallint[] NOT NULL,
	"departure_batch" text NOT NULL,
	"extended_custody" boolean DEFAULT false NOT NULL,
	"extended_custody_reason" text,
	"may_leave_alone" boolean DEFAULT false NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"waitlist_reason" text,
	"withdrawn_by" uuid,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "applications_school_id_application_id_pk" PRIMARY KEY("school_id","application_id"),
	CONSTRAINT "applications_source" CHECK ("applications"."source" in ('online', 'paper')),
	CONSTRAINT "applications_extended_reason" CHECK (not "applications"."extended_custody" or "applications"."extended_custody_reason" is not null),
	CONSTRAINT "applications_waitlist_reason" CHECK ("applications"."status" <> 'waitlisted' or "applications"."waitlist_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"school_id" uuid NOT NULL,
	"consent_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"source" text NOT NULL,
	"guardian_user_id" uuid,
	"guardian_name" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"plan_id" uuid NOT NULL,
	"notice_version" integer NOT NULL,
	"scan_file_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"ip" "inet",
	"user_agent" text,
	CONSTRAINT "consents_school_id_consent_id_pk" PRIMARY KEY("school_id","consent_id"),
	CONSTRAINT "consents_evidence" CHECK (("consents"."source" = 'online' and "consents"."guardian_user_id" is not null)
        or ("consents"."source" = 'paper' and "consents"."scan_file_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "duty_assignments" (
	"school_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"staff_id" uuid NOT NULL,
	"duty" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duty_assignments_school_id_term_id_weekday_staff_id_duty_pk" PRIMARY KEY("school_id","term_id","weekday","staff_id","duty"),
	CONSTRAINT "duty_assignments_duty" CHECK ("duty_assignments"."duty" in ('duty_chief', 'manager')),
	CONSTRAINT "duty_assignments_weekday" CHECK ("duty_assignments"."weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"school_id" uuid NOT NULL,
	"enrollment_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"term_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"weekdays" smallint[] NOT NULL,
	"departure_batch" text NOT NULL,
	"extended_custody" boolean NOT NULL,
	"extended_custody_reason" text,
	"may_leave_alone" boolean NOT NULL,
	"starts_on" date NOT NULL,
	"withdrawn_from" date,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollments_school_id_enrollment_id_pk" PRIMARY KEY("school_id","enrollment_id"),
	CONSTRAINT "enrollments_withdrawal" CHECK (("enrollments"."withdrawn_at" is null) = ("enrollments"."withdrawn_from" is null))
);
--> statement-breakpoint
CREATE TABLE "files" (
	"school_id" uuid NOT NULL,
	"file_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"purpose" text NOT NULL,
	"content_type" text NOT NULL,
	"file_name" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_school_id_file_id_pk" PRIMARY KEY("school_id","file_id"),
	CONSTRAINT "files_purpose" CHECK ("files"."purpose" in ('application_scan', 'letter_scan', 'pickup_photo')),
	CONSTRAINT "files_content_type" CHECK ("files"."content_type" in ('application/pdf', 'image/jpeg', 'image/png')),
	CONSTRAINT "files_size" CHECK ("files"."byte_size" > 0 and "files"."byte_size" = octet_length("files"."content"))
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"school_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	CONSTRAINT "group_members_school_id_group_id_enrollment_id_pk" PRIMARY KEY("school_id","group_id","enrollment_id")
);
--> statement-breakpoint
CREATE TABLE "login_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"school_id" uuid,
	"issued_by" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"school_id" uuid NOT NULL,
	"notification_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_school_id_notification_id_pk" PRIMARY KEY("school_id","notification_id")
);
--> statement-breakpoint
CREATE TABLE "pickup_persons" (
	"school_id" uuid NOT NULL,
	"person_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"phone" text NOT NULL,
	"photo_file_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "pickup_persons_school_id_person_id_pk" PRIMARY KEY("school_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "responsibility_letters" (
	"school_id" uuid NOT NULL,
	"letter_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"signed_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"scan_file_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "responsibility_letters_school_id_letter_id_pk" PRIMARY KEY("school_id","letter_id"),
	CONSTRAINT "responsibility_letters_dates" CHECK ("responsibility_letters"."signed_on" <= "responsibility_letters"."valid_until")
);
--> statement-breakpoint
CREATE TABLE "service_groups" (
	"school_id" uuid NOT NULL,
	"group_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"term_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"name" text NOT NULL,
	"grades" smallint[] NOT NULL,
	"venue_id" text,
	"teacher_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_groups_school_id_group_id_pk" PRIMARY KEY("school_id","group_id"),
	CONSTRAINT "service_groups_weekday" CHECK ("service_groups"."weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"school_id" uuid NOT NULL,
	"staff_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"staff_no" text,
	"name" text NOT NULL,
	"phone" text,
	"kind" text DEFAULT 'teacher' NOT NULL,
	"weekdays" smallint[] DEFAULT '{1,2,3,4,5}' NOT NULL,
	"leadership_position" text,
	"leadership_duties" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "staff_school_id_staff_id_pk" PRIMARY KEY("school_id","staff_id"),
	CONSTRAINT "staff_kind" CHECK ("staff"."kind" in ('teacher', 'manager')),
	CONSTRAINT "staff_leadership_position" CHECK ("staff"."leadership_position" is null or "staff"."leadership_position" in ('leader', 'deputy', 'member'))
);
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_term_id_terms_term_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("term_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_student_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","student_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_plan_fk" FOREIGN KEY ("school_id","plan_id") REFERENCES "public"."plans"("school_id","plan_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_guardian_user_id_users_id_fk" FOREIGN KEY ("guardian_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_application_fk" FOREIGN KEY ("school_id","application_id") REFERENCES "public"."applications"("school_id","application_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_notice_fk" FOREIGN KEY ("school_id","plan_id","notice_version") REFERENCES "public"."notices"("school_id","plan_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_scan_fk" FOREIGN KEY ("school_id","scan_file_id") REFERENCES "public"."files"("school_id","file_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_assignments" ADD CONSTRAINT "duty_assignments_term_id_terms_term_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("term_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_assignments" ADD CONSTRAINT "duty_assignments_staff_fk" FOREIGN KEY ("school_id","staff_id") REFERENCES "public"."staff"("school_id","staff_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_term_id_terms_term_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("term_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_student_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","student_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_application_fk" FOREIGN KEY ("school_id","application_id") REFERENCES "public"."applications"("school_id","application_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_consent_fk" FOREIGN KEY ("school_id","consent_id") REFERENCES "public"."consents"("school_id","consent_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_school_id_schools_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("school_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_fk" FOREIGN KEY ("school_id","group_id") REFERENCES "public"."service_groups"("school_id","group_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_enrollment_fk" FOREIGN KEY ("school_id","enrollment_id") REFERENCES "public"."enrollments"("school_id","enrollment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_codes" ADD CONSTRAINT "login_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_codes" ADD CONSTRAINT "login_codes_school_id_schools_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("school_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_codes" ADD CONSTRAINT "login_codes_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_school_id_schools_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("school_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_persons" ADD CONSTRAINT "pickup_persons_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_persons" ADD CONSTRAINT "pickup_persons_student_fk" FOREIGN KEY ("school_id","student_id") REFERENCES "public"."students"("school_id","student_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_persons" ADD CONSTRAINT "pickup_persons_photo_fk" FOREIGN KEY ("school_id","photo_file_id") REFERENCES "public"."files"("school_id","file_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_letters" ADD CONSTRAINT "responsibility_letters_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_letters" ADD CONSTRAINT "responsibility_letters_staff_fk" FOREIGN KEY ("school_id","staff_id") REFERENCES "public"."staff"("school_id","staff_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_letters" ADD CONSTRAINT "responsibility_letters_scan_fk" FOREIGN KEY ("school_id","scan_file_id") REFERENCES "public"."files"("school_id","file_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_groups" ADD CONSTRAINT "service_groups_term_id_terms_term_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("term_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_groups" ADD CONSTRAINT "service_groups_teacher_fk" FOREIGN KEY ("school_id","teacher_staff_id") REFERENCES "public"."staff"("school_id","staff_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_school_id_schools_school_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("school_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_live_key" ON "applications" USING btree ("school_id","term_id","student_id") WHERE "applications"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "applications_term_status_idx" ON "applications" USING btree ("school_id","term_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "consents_application_key" ON "consents" USING btree ("school_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "duty_assignments_chief_key" ON "duty_assignments" USING btree ("school_id","term_id","weekday") WHERE "duty_assignments"."duty" = 'duty_chief';--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_live_key" ON "enrollments" USING btree ("school_id","term_id","student_id") WHERE "enrollments"."withdrawn_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_application_key" ON "enrollments" USING btree ("school_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_members_day_key" ON "group_members" USING btree ("school_id","term_id","weekday","enrollment_id");--> statement-breakpoint
CREATE INDEX "login_codes_user_idx" ON "login_codes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "pickup_persons_student_idx" ON "pickup_persons" USING btree ("school_id","student_id");--> statement-breakpoint
CREATE INDEX "responsibility_letters_staff_idx" ON "responsibility_letters" USING btree ("school_id","staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_groups_name_key" ON "service_groups" USING btree ("school_id","term_id","weekday","name");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_school_no_key" ON "staff" USING btree ("school_id","staff_no") WHERE "staff"."staff_no" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_school_user_key" ON "staff" USING btree ("school_id","user_id") WHERE "staff"."user_id" is not null;