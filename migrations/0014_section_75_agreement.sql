CREATE TABLE "s75_agreement" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"signed_on" date NOT NULL,
	"host_partner_id" uuid NOT NULL,
	"fund_manager_post" text NOT NULL,
	"functions" text[] NOT NULL,
	"client_groups" text[] NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "s75_agreement_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "s75_agreement_one_per_place" UNIQUE("place_id")
);
--> statement-breakpoint
CREATE TABLE "s75_budget" (
	"place_id" uuid NOT NULL,
	"schedule_id" uuid NOT NULL,
	"budget_line_code" text NOT NULL,
	"budget_pence" bigint NOT NULL,
	CONSTRAINT "s75_budget_place_id_schedule_id_budget_line_code_pk" PRIMARY KEY("place_id","schedule_id","budget_line_code"),
	CONSTRAINT "s75_budget_non_negative" CHECK ("s75_budget"."budget_pence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "s75_contribution_movement" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"financial_year" text NOT NULL,
	"partner_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"kind" text NOT NULL,
	"amount_pence" bigint NOT NULL,
	"on_date" date NOT NULL,
	"reason" text NOT NULL,
	"board_decision_ref" text NOT NULL,
	"reference" text,
	"journal_id" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "s75_contribution_movement_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "s75_receipt_reference_unique" UNIQUE("place_id","kind","reference"),
	CONSTRAINT "s75_movement_kind_known" CHECK ("s75_contribution_movement"."kind" in ('variation','receipt')),
	CONSTRAINT "s75_receipt_positive" CHECK ("s75_contribution_movement"."kind" <> 'receipt' or ("s75_contribution_movement"."amount_pence" > 0 and "s75_contribution_movement"."reference" is not null)),
	CONSTRAINT "s75_movement_stream_known" CHECK ("s75_contribution_movement"."stream" in ('nhs_minimum','council','ibcf','disabled_facilities_grant','client_charges','additional'))
);
--> statement-breakpoint
CREATE TABLE "s75_planned_contribution" (
	"place_id" uuid NOT NULL,
	"schedule_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"planned_pence" bigint NOT NULL,
	CONSTRAINT "s75_planned_contribution_place_id_schedule_id_partner_id_stream_pk" PRIMARY KEY("place_id","schedule_id","partner_id","stream"),
	CONSTRAINT "s75_planned_non_negative" CHECK ("s75_planned_contribution"."planned_pence" >= 0),
	CONSTRAINT "s75_planned_stream_known" CHECK ("s75_planned_contribution"."stream" in ('nhs_minimum','council','ibcf','disabled_facilities_grant','client_charges','additional'))
);
--> statement-breakpoint
CREATE TABLE "s75_schedule" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"financial_year" text NOT NULL,
	"version" integer NOT NULL,
	"supersedes_id" uuid,
	"reason" text NOT NULL,
	"board_decision_ref" text NOT NULL,
	"risk_share" jsonb NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "s75_schedule_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "s75_schedule_version_unique" UNIQUE("place_id","agreement_id","financial_year","version"),
	CONSTRAINT "s75_schedule_version_positive" CHECK ("s75_schedule"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "s75_agreement" ADD CONSTRAINT "s75_agreement_place_id_place_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("place_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s75_agreement" ADD CONSTRAINT "s75_agreement_place_id_host_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","host_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s75_budget" ADD CONSTRAINT "s75_budget_place_id_schedule_id_s75_schedule_place_id_id_fk" FOREIGN KEY ("place_id","schedule_id") REFERENCES "public"."s75_schedule"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s75_contribution_movement" ADD CONSTRAINT "s75_contribution_movement_place_id_agreement_id_s75_agreement_place_id_id_fk" FOREIGN KEY ("place_id","agreement_id") REFERENCES "public"."s75_agreement"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s75_contribution_movement" ADD CONSTRAINT "s75_contribution_movement_place_id_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s75_planned_contribution" ADD CONSTRAINT "s75_planned_contribution_place_id_schedule_id_s75_schedule_place_id_id_fk" FOREIGN KEY ("place_id","schedule_id") REFERENCES "public"."s75_schedule"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s75_planned_contribution" ADD CONSTRAINT "s75_planned_contribution_place_id_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s75_schedule" ADD CONSTRAINT "s75_schedule_place_id_agreement_id_s75_agreement_place_id_id_fk" FOREIGN KEY ("place_id","agreement_id") REFERENCES "public"."s75_agreement"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s75_schedule" ADD CONSTRAINT "s75_schedule_place_id_supersedes_id_s75_schedule_place_id_id_fk" FOREIGN KEY ("place_id","supersedes_id") REFERENCES "public"."s75_schedule"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A schedule version, its planned contributions and budgets, and the year's variations and receipts
-- are never edited or deleted (decision 0012): a change is a new version or a new movement.
CREATE FUNCTION s75_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never changed: record a new schedule version or a new variation instead', TG_TABLE_NAME
    USING ERRCODE = 'check_violation';
END;
$$;--> statement-breakpoint
CREATE TRIGGER s75_schedule_immutable BEFORE UPDATE OR DELETE ON "s75_schedule" FOR EACH ROW EXECUTE FUNCTION s75_refuse_change();--> statement-breakpoint
CREATE TRIGGER s75_planned_contribution_immutable BEFORE UPDATE OR DELETE ON "s75_planned_contribution" FOR EACH ROW EXECUTE FUNCTION s75_refuse_change();--> statement-breakpoint
CREATE TRIGGER s75_budget_immutable BEFORE UPDATE OR DELETE ON "s75_budget" FOR EACH ROW EXECUTE FUNCTION s75_refuse_change();--> statement-breakpoint
CREATE TRIGGER s75_contribution_movement_immutable BEFORE UPDATE OR DELETE ON "s75_contribution_movement" FOR EACH ROW EXECUTE FUNCTION s75_refuse_change();
