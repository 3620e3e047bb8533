CREATE TABLE "awaited_item" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"stay_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"owner_team_id" uuid,
	"owner_name" text DEFAULT '' NOT NULL,
	"attribution" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "awaited_item_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "awaited_item_reason_known" CHECK ("awaited_item"."reason" in ('A','B','C','Di','Dii','E','F','G','H','I','O')),
	CONSTRAINT "awaited_item_attribution_known" CHECK ("awaited_item"."attribution" in ('nhs','social_care','both'))
);
--> statement-breakpoint
CREATE TABLE "delay_day" (
	"place_id" uuid NOT NULL,
	"stay_id" uuid NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"attribution" text NOT NULL,
	"zone_id" uuid,
	CONSTRAINT "delay_day_place_id_stay_id_day_pk" PRIMARY KEY("place_id","stay_id","day"),
	CONSTRAINT "delay_day_attribution_known" CHECK ("delay_day"."attribution" in ('nhs','social_care','both'))
);
--> statement-breakpoint
CREATE TABLE "hospital_stay" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"ward" text NOT NULL,
	"admission_method" text NOT NULL,
	"admission_group" text NOT NULL,
	"admitted_at" timestamp with time zone NOT NULL,
	"admitted_on" date NOT NULL,
	"zone_id" uuid,
	"age_at_admission" smallint,
	"status" text NOT NULL,
	"discharge_ready_date" date,
	"ready_since" timestamp with time zone,
	"pathway" smallint,
	"discharged_at" timestamp with time zone,
	"discharged_on" date,
	"discharge_destination" text,
	"delay_days" integer,
	"referral_id" uuid,
	"reablement_start" date,
	"relationship_id" uuid,
	"source_system" text NOT NULL,
	"source_stay_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hospital_stay_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "hospital_stay_status_known" CHECK ("hospital_stay"."status" in ('in_hospital','ready','discharged')),
	CONSTRAINT "hospital_stay_group_known" CHECK ("hospital_stay"."admission_group" in ('elective','emergency','maternity','other')),
	CONSTRAINT "hospital_stay_pathway_known" CHECK ("hospital_stay"."pathway" is null or "hospital_stay"."pathway" between 0 and 3),
	CONSTRAINT "hospital_stay_discharge_after_admission" CHECK ("hospital_stay"."discharged_at" is null or "hospital_stay"."discharged_at" >= "hospital_stay"."admitted_at"),
	CONSTRAINT "hospital_stay_discharged_has_date" CHECK (("hospital_stay"."status" = 'discharged') = ("hospital_stay"."discharged_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "readiness_period" (
	"place_id" uuid NOT NULL,
	"stay_id" uuid NOT NULL,
	"seq" smallint NOT NULL,
	"ready_from" timestamp with time zone NOT NULL,
	"ready_on" date NOT NULL,
	"ready_to" timestamp with time zone,
	"ended_by" text,
	"pathway" smallint,
	CONSTRAINT "readiness_period_place_id_stay_id_seq_pk" PRIMARY KEY("place_id","stay_id","seq"),
	CONSTRAINT "readiness_period_ended_by_known" CHECK ("readiness_period"."ended_by" is null or "readiness_period"."ended_by" in ('meets_criteria','discharged'))
);
--> statement-breakpoint
CREATE TABLE "stay_event" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"stay_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"source_system" text NOT NULL,
	"event_id" text NOT NULL,
	"detail" jsonb NOT NULL,
	"drd_before" date,
	"drd_after" date,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "stay_event_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "stay_event_kind_known" CHECK ("stay_event"."kind" in ('admit','ward_move','not_meeting_criteria','meeting_criteria','awaiting','awaiting_resolved','discharge'))
);
--> statement-breakpoint
ALTER TABLE "care_relationship" DROP CONSTRAINT "care_relationship_kind_known";--> statement-breakpoint
ALTER TABLE "awaited_item" ADD CONSTRAINT "awaited_item_place_id_stay_id_hospital_stay_place_id_id_fk" FOREIGN KEY ("place_id","stay_id") REFERENCES "public"."hospital_stay"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awaited_item" ADD CONSTRAINT "awaited_item_place_id_owner_team_id_team_place_id_id_fk" FOREIGN KEY ("place_id","owner_team_id") REFERENCES "public"."team"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delay_day" ADD CONSTRAINT "delay_day_place_id_stay_id_hospital_stay_place_id_id_fk" FOREIGN KEY ("place_id","stay_id") REFERENCES "public"."hospital_stay"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_stay" ADD CONSTRAINT "hospital_stay_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_stay" ADD CONSTRAINT "hospital_stay_place_id_hospital_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","hospital_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hospital_stay" ADD CONSTRAINT "hospital_stay_place_id_zone_id_zone_place_id_id_fk" FOREIGN KEY ("place_id","zone_id") REFERENCES "public"."zone"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readiness_period" ADD CONSTRAINT "readiness_period_place_id_stay_id_hospital_stay_place_id_id_fk" FOREIGN KEY ("place_id","stay_id") REFERENCES "public"."hospital_stay"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stay_event" ADD CONSTRAINT "stay_event_place_id_stay_id_hospital_stay_place_id_id_fk" FOREIGN KEY ("place_id","stay_id") REFERENCES "public"."hospital_stay"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "awaited_item_stay_idx" ON "awaited_item" USING btree ("place_id","stay_id");--> statement-breakpoint
CREATE INDEX "delay_day_day_idx" ON "delay_day" USING btree ("place_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "hospital_stay_source_unique" ON "hospital_stay" USING btree ("place_id","source_system","source_stay_id");--> statement-breakpoint
CREATE INDEX "hospital_stay_person_idx" ON "hospital_stay" USING btree ("place_id","person_id","admitted_at");--> statement-breakpoint
CREATE INDEX "hospital_stay_admitted_idx" ON "hospital_stay" USING btree ("place_id","admitted_on");--> statement-breakpoint
CREATE INDEX "hospital_stay_discharged_idx" ON "hospital_stay" USING btree ("place_id","discharged_on");--> statement-breakpoint
CREATE INDEX "hospital_stay_ready_idx" ON "hospital_stay" USING btree ("place_id","discharge_ready_date") WHERE "hospital_stay"."status" = 'ready';--> statement-breakpoint
CREATE INDEX "hospital_stay_open_idx" ON "hospital_stay" USING btree ("place_id","hospital_id") WHERE "hospital_stay"."status" <> 'discharged';--> statement-breakpoint
CREATE UNIQUE INDEX "stay_event_source_unique" ON "stay_event" USING btree ("place_id","source_system","event_id");--> statement-breakpoint
CREATE INDEX "stay_event_stay_idx" ON "stay_event" USING btree ("place_id","stay_id","at");--> statement-breakpoint
ALTER TABLE "care_relationship" ADD CONSTRAINT "care_relationship_kind_known" CHECK ("care_relationship"."kind" in ('caseload','referral','triage','registration','break_glass','hospital'));