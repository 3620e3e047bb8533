CREATE TABLE "commitment_line" (
	"place_id" uuid NOT NULL,
	"service_line_id" uuid NOT NULL,
	"budget_line_code" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"provider_partner_id" uuid NOT NULL,
	"service_type" text NOT NULL,
	"component" text NOT NULL,
	"client_group" text NOT NULL,
	"zone_code" text,
	"weekly_pence" bigint NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "commitment_line_place_id_service_line_id_pk" PRIMARY KEY("place_id","service_line_id")
);
--> statement-breakpoint
CREATE INDEX "commitment_line_budget_line_idx" ON "commitment_line" USING btree ("place_id","budget_line_code");