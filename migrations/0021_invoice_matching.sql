CREATE TABLE "invoice_approval_limit" (
	"place_id" uuid NOT NULL,
	"role" text NOT NULL,
	"line_limit_pence" bigint,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "invoice_approval_limit_place_id_role_pk" PRIMARY KEY("place_id","role"),
	CONSTRAINT "invoice_approval_limit_positive" CHECK ("invoice_approval_limit"."line_limit_pence" is null or "invoice_approval_limit"."line_limit_pence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "invoice_line_event" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_line_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"hold_reason" text,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"by" uuid,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "invoice_line_event_place_id_id_pk" PRIMARY KEY("place_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoice_tolerance" (
	"place_id" uuid NOT NULL,
	"quantity_bp" integer NOT NULL,
	"quantity_hundredths" integer NOT NULL,
	"amount_pence" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "invoice_tolerance_place_id_pk" PRIMARY KEY("place_id"),
	CONSTRAINT "invoice_tolerance_positive" CHECK ("invoice_tolerance"."quantity_bp" >= 0 and "invoice_tolerance"."quantity_hundredths" >= 0 and "invoice_tolerance"."amount_pence" >= 0)
);
--> statement-breakpoint
CREATE INDEX "invoice_line_event_line_idx" ON "invoice_line_event" USING btree ("place_id","invoice_line_id","at");