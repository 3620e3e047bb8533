CREATE TABLE "approval_limit" (
	"place_id" uuid NOT NULL,
	"role" text NOT NULL,
	"weekly_pence" bigint NOT NULL,
	CONSTRAINT "approval_limit_place_id_role_pk" PRIMARY KEY("place_id","role")
);
--> statement-breakpoint
CREATE TABLE "assessment_section_version" (
	"place_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"section" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"author_user_id" uuid NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_section_version_place_id_assessment_id_section_version_pk" PRIMARY KEY("place_id","assessment_id","section","version")
);
--> statement-breakpoint
CREATE TABLE "assessment_section" (
	"place_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"section" text NOT NULL,
	"content" jsonb NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"author_role" text NOT NULL,
	"sector" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_section_place_id_assessment_id_section_pk" PRIMARY KEY("place_id","assessment_id","section")
);
--> statement-breakpoint
CREATE TABLE "assessment" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"cared_for_person_id" uuid,
	"referral_id" uuid,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"started_by" uuid,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"assessment_type" text,
	"outcome" text,
	"eligibility_computed" jsonb,
	"eligibility_decision" text,
	"override_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "assessment_status_known" CHECK ("assessment"."status" in ('in_progress','completed','cancelled')),
	CONSTRAINT "assessment_kind_known" CHECK ("assessment"."kind" in ('needs','carer'))
);
--> statement-breakpoint
CREATE TABLE "care_plan" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"needs" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_plan_place_id_id_pk" PRIMARY KEY("place_id","id")
);
--> statement-breakpoint
CREATE TABLE "care_case" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"worker_staff_id" uuid,
	"referral_id" uuid,
	"sector" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by" uuid,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"close_reason" text,
	"team_relationship_id" uuid,
	"worker_relationship_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_case_place_id_id_pk" PRIMARY KEY("place_id","id")
);
--> statement-breakpoint
CREATE TABLE "mdt_action" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"owner_staff_id" uuid NOT NULL,
	"description" text NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	CONSTRAINT "mdt_action_place_id_id_pk" PRIMARY KEY("place_id","id")
);
--> statement-breakpoint
CREATE TABLE "mdt_case" (
	"place_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"author_user_id" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mdt_case_place_id_meeting_id_person_id_pk" PRIMARY KEY("place_id","meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "mdt_meeting" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"attendee_staff_ids" uuid[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mdt_meeting_place_id_id_pk" PRIMARY KEY("place_id","id")
);
--> statement-breakpoint
CREATE TABLE "pathway_event" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"action" text NOT NULL,
	"summary" text NOT NULL,
	"sector" text NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text DEFAULT '' NOT NULL,
	"subject_id" uuid,
	"detail" jsonb NOT NULL,
	CONSTRAINT "pathway_event_place_id_id_pk" PRIMARY KEY("place_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"source" text NOT NULL,
	"source_name" text DEFAULT '' NOT NULL,
	"route_of_access" text NOT NULL,
	"reason" text NOT NULL,
	"urgency" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"recorded_by" uuid,
	"external_ref" text,
	"status" text NOT NULL,
	"proposed_team_id" uuid,
	"outcome" text,
	"outcome_note" text DEFAULT '' NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"team_id" uuid,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"worker_staff_id" uuid,
	"allocated_at" timestamp with time zone,
	"allocated_by" uuid,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "referral_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "referral_status_known" CHECK ("referral"."status" in ('received','resolved','accepted','allocated','closed')),
	CONSTRAINT "referral_urgency_known" CHECK ("referral"."urgency" in ('routine','urgent','emergency'))
);
--> statement-breakpoint
CREATE TABLE "review" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"plan_id" uuid,
	"kind" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"outcomes_achieved" text,
	"outcome" text,
	"note" text DEFAULT '' NOT NULL,
	"changes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "review_place_id_id_pk" PRIMARY KEY("place_id","id")
);
--> statement-breakpoint
CREATE TABLE "service_line_version" (
	"place_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	"change" text NOT NULL,
	CONSTRAINT "service_line_version_place_id_line_id_version_pk" PRIMARY KEY("place_id","line_id","version")
);
--> statement-breakpoint
CREATE TABLE "service_line" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"service_type" text NOT NULL,
	"component" text NOT NULL,
	"provider_partner_id" uuid NOT NULL,
	"delivery_mechanism" text NOT NULL,
	"unit" text NOT NULL,
	"quantity_hundredths" integer NOT NULL,
	"frequency" text NOT NULL,
	"unit_cost_pence" bigint NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date,
	"status" text NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"started_on" date,
	"ended_on" date,
	"end_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_line_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "service_line_status_known" CHECK ("service_line"."status" in ('proposed','approved','in_place','ended','cancelled')),
	CONSTRAINT "service_line_amounts" CHECK ("service_line"."quantity_hundredths" > 0 and "service_line"."unit_cost_pence" >= 0),
	CONSTRAINT "service_line_period" CHECK ("service_line"."planned_end" is null or "service_line"."planned_end" >= "service_line"."planned_start")
);
--> statement-breakpoint
ALTER TABLE "assessment_section_version" ADD CONSTRAINT "assessment_section_version_place_id_assessment_id_assessment_place_id_id_fk" FOREIGN KEY ("place_id","assessment_id") REFERENCES "public"."assessment"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_section" ADD CONSTRAINT "assessment_section_place_id_assessment_id_assessment_place_id_id_fk" FOREIGN KEY ("place_id","assessment_id") REFERENCES "public"."assessment"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_place_id_cared_for_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","cared_for_person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_place_id_referral_id_referral_place_id_id_fk" FOREIGN KEY ("place_id","referral_id") REFERENCES "public"."referral"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan" ADD CONSTRAINT "care_plan_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan" ADD CONSTRAINT "care_plan_place_id_assessment_id_assessment_place_id_id_fk" FOREIGN KEY ("place_id","assessment_id") REFERENCES "public"."assessment"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_case" ADD CONSTRAINT "care_case_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_case" ADD CONSTRAINT "care_case_place_id_team_id_team_place_id_id_fk" FOREIGN KEY ("place_id","team_id") REFERENCES "public"."team"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_case" ADD CONSTRAINT "care_case_place_id_worker_staff_id_staff_place_id_id_fk" FOREIGN KEY ("place_id","worker_staff_id") REFERENCES "public"."staff"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_case" ADD CONSTRAINT "care_case_place_id_referral_id_referral_place_id_id_fk" FOREIGN KEY ("place_id","referral_id") REFERENCES "public"."referral"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_action" ADD CONSTRAINT "mdt_action_place_id_meeting_id_mdt_meeting_place_id_id_fk" FOREIGN KEY ("place_id","meeting_id") REFERENCES "public"."mdt_meeting"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_action" ADD CONSTRAINT "mdt_action_place_id_owner_staff_id_staff_place_id_id_fk" FOREIGN KEY ("place_id","owner_staff_id") REFERENCES "public"."staff"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_case" ADD CONSTRAINT "mdt_case_place_id_meeting_id_mdt_meeting_place_id_id_fk" FOREIGN KEY ("place_id","meeting_id") REFERENCES "public"."mdt_meeting"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_case" ADD CONSTRAINT "mdt_case_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdt_meeting" ADD CONSTRAINT "mdt_meeting_place_id_team_id_team_place_id_id_fk" FOREIGN KEY ("place_id","team_id") REFERENCES "public"."team"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_place_id_team_id_team_place_id_id_fk" FOREIGN KEY ("place_id","team_id") REFERENCES "public"."team"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_place_id_proposed_team_id_team_place_id_id_fk" FOREIGN KEY ("place_id","proposed_team_id") REFERENCES "public"."team"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_place_id_worker_staff_id_staff_place_id_id_fk" FOREIGN KEY ("place_id","worker_staff_id") REFERENCES "public"."staff"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_place_id_plan_id_care_plan_place_id_id_fk" FOREIGN KEY ("place_id","plan_id") REFERENCES "public"."care_plan"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_line_version" ADD CONSTRAINT "service_line_version_place_id_line_id_service_line_place_id_id_fk" FOREIGN KEY ("place_id","line_id") REFERENCES "public"."service_line"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_line" ADD CONSTRAINT "service_line_place_id_plan_id_care_plan_place_id_id_fk" FOREIGN KEY ("place_id","plan_id") REFERENCES "public"."care_plan"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_line" ADD CONSTRAINT "service_line_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_line" ADD CONSTRAINT "service_line_place_id_provider_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","provider_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_person_idx" ON "assessment" USING btree ("place_id","person_id");--> statement-breakpoint
CREATE INDEX "care_plan_person_idx" ON "care_plan" USING btree ("place_id","person_id");--> statement-breakpoint
CREATE INDEX "care_case_person_idx" ON "care_case" USING btree ("place_id","person_id");--> statement-breakpoint
CREATE INDEX "care_case_team_open_idx" ON "care_case" USING btree ("place_id","team_id") WHERE "care_case"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "care_case_worker_open_idx" ON "care_case" USING btree ("place_id","worker_staff_id") WHERE "care_case"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "mdt_action_owner_idx" ON "mdt_action" USING btree ("place_id","owner_staff_id") WHERE "mdt_action"."done_at" is null;--> statement-breakpoint
CREATE INDEX "mdt_action_person_idx" ON "mdt_action" USING btree ("place_id","person_id");--> statement-breakpoint
CREATE INDEX "mdt_meeting_team_idx" ON "mdt_meeting" USING btree ("place_id","team_id","held_on");--> statement-breakpoint
CREATE INDEX "pathway_event_person_idx" ON "pathway_event" USING btree ("place_id","person_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_external_ref_unique" ON "referral" USING btree ("place_id","external_ref") WHERE "referral"."external_ref" is not null;--> statement-breakpoint
CREATE INDEX "referral_person_idx" ON "referral" USING btree ("place_id","person_id");--> statement-breakpoint
CREATE INDEX "referral_status_idx" ON "referral" USING btree ("place_id","status","received_at");--> statement-breakpoint
CREATE INDEX "referral_team_idx" ON "referral" USING btree ("place_id","team_id","status");--> statement-breakpoint
CREATE INDEX "review_person_idx" ON "review" USING btree ("place_id","person_id");--> statement-breakpoint
CREATE INDEX "review_due_idx" ON "review" USING btree ("place_id","status","due_on");--> statement-breakpoint
CREATE INDEX "service_line_plan_idx" ON "service_line" USING btree ("place_id","plan_id");--> statement-breakpoint
CREATE INDEX "service_line_person_idx" ON "service_line" USING btree ("place_id","person_id");