CREATE TABLE "forecast_snapshot" (
	"place_id" uuid NOT NULL,
	"financial_year" text NOT NULL,
	"month" text NOT NULL,
	"budget_line_code" text NOT NULL,
	"as_at" date NOT NULL,
	"budget_pence" bigint NOT NULL,
	"actuals_pence" bigint NOT NULL,
	"commitment_pence" bigint NOT NULL,
	"trend_pence" bigint NOT NULL,
	"forecast_pence" bigint NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"taken_by" uuid,
	CONSTRAINT "forecast_snapshot_place_id_month_budget_line_code_pk" PRIMARY KEY("place_id","month","budget_line_code"),
	CONSTRAINT "forecast_snapshot_month_form" CHECK ("forecast_snapshot"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "variance_comment" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"financial_year" text NOT NULL,
	"month" text NOT NULL,
	"budget_line_code" text NOT NULL,
	"text" text NOT NULL,
	"supersedes_id" uuid,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "variance_comment_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "variance_comment_supersedes_uq" UNIQUE("place_id","supersedes_id"),
	CONSTRAINT "variance_comment_month_form" CHECK ("variance_comment"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "forecast_snapshot" ADD CONSTRAINT "forecast_snapshot_place_id_place_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("place_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variance_comment" ADD CONSTRAINT "variance_comment_place_id_place_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("place_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forecast_snapshot_year_idx" ON "forecast_snapshot" USING btree ("place_id","financial_year","budget_line_code");--> statement-breakpoint
CREATE INDEX "variance_comment_line_idx" ON "variance_comment" USING btree ("place_id","financial_year","month","budget_line_code");--> statement-breakpoint
-- A month's forecast snapshot and a variance comment are never edited or deleted: a month is taken
-- once, and a new comment on the same line and month supersedes the last (the old stays readable).
CREATE FUNCTION pool_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never changed: a month''s forecast is taken once, and a new comment supersedes the last', TG_TABLE_NAME
    USING ERRCODE = 'check_violation';
END;
$$;--> statement-breakpoint
CREATE TRIGGER forecast_snapshot_immutable BEFORE UPDATE OR DELETE ON "forecast_snapshot" FOR EACH ROW EXECUTE FUNCTION pool_history_refuse_change();--> statement-breakpoint
CREATE TRIGGER variance_comment_immutable BEFORE UPDATE OR DELETE ON "variance_comment" FOR EACH ROW EXECUTE FUNCTION pool_history_refuse_change();
