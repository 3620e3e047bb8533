CREATE TABLE "gl_held_line" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"raw" jsonb NOT NULL,
	"transaction_date" date NOT NULL,
	"cost_centre" text NOT NULL,
	"subjective" text NOT NULL,
	"amount_pence" bigint NOT NULL,
	"line_key" text NOT NULL,
	"reason" text NOT NULL,
	"released_journal_id" uuid,
	"released_at" timestamp with time zone,
	"released_by" uuid,
	CONSTRAINT "gl_held_line_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "gl_held_line_uq" UNIQUE("place_id","import_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "gl_import" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"status" text NOT NULL,
	"rows_read" integer NOT NULL,
	"rows_posted" integer NOT NULL,
	"rows_already_received" integer NOT NULL,
	"rows_held" integer NOT NULL,
	"rows_rejected" integer NOT NULL,
	"rejected" jsonb NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"imported_by" uuid,
	CONSTRAINT "gl_import_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "gl_import_status_known" CHECK ("gl_import"."status" in ('posted','held','rejected'))
);
--> statement-breakpoint
CREATE TABLE "gl_mapping" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"cost_centre" text NOT NULL,
	"subjective" text NOT NULL,
	"budget_line_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	CONSTRAINT "gl_mapping_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "gl_mapping_period_uq" UNIQUE("place_id","partner_id","cost_centre","subjective","valid_from"),
	CONSTRAINT "gl_mapping_period_order" CHECK ("gl_mapping"."valid_to" is null or "gl_mapping"."valid_to" >= "gl_mapping"."valid_from"),
	CONSTRAINT "gl_mapping_budget_line" CHECK ("gl_mapping"."budget_line_code" like 'BL/%')
);
--> statement-breakpoint
ALTER TABLE "gl_held_line" ADD CONSTRAINT "gl_held_line_place_id_import_id_gl_import_place_id_id_fk" FOREIGN KEY ("place_id","import_id") REFERENCES "public"."gl_import"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gl_import" ADD CONSTRAINT "gl_import_place_id_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gl_mapping" ADD CONSTRAINT "gl_mapping_place_id_place_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("place_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gl_mapping" ADD CONSTRAINT "gl_mapping_place_id_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gl_held_open_idx" ON "gl_held_line" USING btree ("place_id","transaction_date") WHERE "gl_held_line"."released_journal_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "gl_import_file_uq" ON "gl_import" USING btree ("place_id","partner_id","sha256") WHERE "gl_import"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "gl_import_when_idx" ON "gl_import" USING btree ("place_id","imported_at");--> statement-breakpoint
-- Hand-written: what was received is never changed (an import row, a held line's raw fields), a
-- mapping may only be ended, once, and a held line released, once (docs/gl-import.md).
CREATE FUNCTION gl_import_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a GL import is never changed or deleted (%)', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER gl_import_unchanged BEFORE UPDATE OR DELETE ON gl_import FOR EACH ROW EXECUTE FUNCTION gl_import_unchanged();
--> statement-breakpoint
CREATE FUNCTION gl_mapping_only_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a GL mapping is ended, never deleted' USING ERRCODE = 'restrict_violation';
  END IF;
  IF OLD.valid_to IS NOT NULL OR NEW.valid_to IS NULL
     OR (NEW.place_id, NEW.id, NEW.partner_id, NEW.cost_centre, NEW.subjective, NEW.budget_line_code, NEW.valid_from, NEW.created_at, NEW.created_by)
        IS DISTINCT FROM (OLD.place_id, OLD.id, OLD.partner_id, OLD.cost_centre, OLD.subjective, OLD.budget_line_code, OLD.valid_from, OLD.created_at, OLD.created_by) THEN
    RAISE EXCEPTION 'a GL mapping may only be ended, once' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER gl_mapping_only_ended BEFORE UPDATE OR DELETE ON gl_mapping FOR EACH ROW EXECUTE FUNCTION gl_mapping_only_ended();
--> statement-breakpoint
CREATE FUNCTION gl_held_line_only_released() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a held GL line is released, never deleted' USING ERRCODE = 'restrict_violation';
  END IF;
  IF OLD.released_journal_id IS NOT NULL OR NEW.released_journal_id IS NULL
     OR (NEW.place_id, NEW.id, NEW.import_id, NEW.partner_id, NEW.line_no, NEW.raw, NEW.transaction_date, NEW.cost_centre, NEW.subjective, NEW.amount_pence, NEW.line_key, NEW.reason)
        IS DISTINCT FROM (OLD.place_id, OLD.id, OLD.import_id, OLD.partner_id, OLD.line_no, OLD.raw, OLD.transaction_date, OLD.cost_centre, OLD.subjective, OLD.amount_pence, OLD.line_key, OLD.reason) THEN
    RAISE EXCEPTION 'a held GL line may only be released, once' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER gl_held_line_only_released BEFORE UPDATE OR DELETE ON gl_held_line FOR EACH ROW EXECUTE FUNCTION gl_held_line_only_released();
