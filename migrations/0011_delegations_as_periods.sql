ALTER TABLE "delegation" ADD COLUMN "legal_basis" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "delegation" ADD COLUMN "legal_basis_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "delegation" ADD COLUMN "board_decision_ref" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "delegation" ADD COLUMN "recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "delegation" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "delegation" ADD COLUMN "ended_by" uuid;--> statement-breakpoint
ALTER TABLE "delegation" ADD COLUMN "end_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "delegation" ADD CONSTRAINT "delegation_place_id_supersedes_id_delegation_place_id_id_fk" FOREIGN KEY ("place_id","supersedes_id") REFERENCES "public"."delegation"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delegation_function_idx" ON "delegation" USING btree ("place_id","function","valid_from");--> statement-breakpoint
ALTER TABLE "delegation" ADD CONSTRAINT "delegation_legal_basis_known" CHECK ("delegation"."legal_basis" in ('section_75','section_31_hsa_1999','care_trust_order','other'));--> statement-breakpoint
-- hand-written: delegation periods never overlap for one function and client group, and are never edited but to end an open one
CREATE FUNCTION delegation_guard() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  v_other record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'delegation periods are history: end or supersede one, never delete it' USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.valid_to IS NOT NULL
      OR NEW.place_id IS DISTINCT FROM OLD.place_id OR NEW.id IS DISTINCT FROM OLD.id
      OR NEW.from_partner_id IS DISTINCT FROM OLD.from_partner_id OR NEW.to_partner_id IS DISTINCT FROM OLD.to_partner_id
      OR NEW.function IS DISTINCT FROM OLD.function OR NEW.client_groups IS DISTINCT FROM OLD.client_groups
      OR NEW.valid_from IS DISTINCT FROM OLD.valid_from OR NEW.note IS DISTINCT FROM OLD.note
      OR NEW.supersedes_id IS DISTINCT FROM OLD.supersedes_id OR NEW.legal_basis IS DISTINCT FROM OLD.legal_basis
      OR NEW.legal_basis_text IS DISTINCT FROM OLD.legal_basis_text OR NEW.board_decision_ref IS DISTINCT FROM OLD.board_decision_ref
      OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at OR NEW.recorded_by IS DISTINCT FROM OLD.recorded_by THEN
      RAISE EXCEPTION 'a delegation period is history: the only change allowed is giving an open period its last day' USING ERRCODE = '55000';
    END IF;
  END IF;
  -- One writer per place and function at a time, so two overlapping periods cannot both pass the check.
  PERFORM pg_advisory_xact_lock(hashtextextended(NEW.place_id::text || ':delegation:' || NEW.function, 0));
  SELECT id, valid_from, valid_to INTO v_other FROM delegation d
   WHERE d.place_id = NEW.place_id AND d.function = NEW.function AND d.id <> NEW.id
     AND d.client_groups && NEW.client_groups
     AND d.valid_from <= coalesce(NEW.valid_to, 'infinity'::date)
     AND coalesce(d.valid_to, 'infinity'::date) >= NEW.valid_from
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'delegation % overlaps period % (% to %) of the same function and client group', NEW.id, v_other.id, v_other.valid_from, coalesce(v_other.valid_to::text, 'open')
      USING ERRCODE = '23P01';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER delegation_guard BEFORE INSERT OR UPDATE OR DELETE ON delegation FOR EACH ROW EXECUTE FUNCTION delegation_guard();
