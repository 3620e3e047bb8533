CREATE TABLE "ledger_account" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"service_area" text,
	"client_group" text,
	"zone_code" text,
	"partner_id" uuid,
	"funding_stream" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_account_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "ledger_account_code_uq" UNIQUE("place_id","code"),
	CONSTRAINT "ledger_account_kind_known" CHECK ("ledger_account"."kind" in ('bank','contribution','budget_line','creditor','debtor','income','suspense'))
);
--> statement-breakpoint
CREATE TABLE "ledger_closed_month" (
	"place_id" uuid NOT NULL,
	"month" text NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	CONSTRAINT "ledger_closed_month_place_id_month_pk" PRIMARY KEY("place_id","month"),
	CONSTRAINT "ledger_closed_month_form" CHECK ("ledger_closed_month"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "ledger_entry" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"journal_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"posted_on" date NOT NULL,
	"amount_pence" bigint NOT NULL,
	"memo" text,
	"package_id" uuid,
	"service_line_id" uuid,
	"person_id" uuid,
	"invoice_line_ref" text,
	"gl_line_ref" text,
	"contribution_id" uuid,
	CONSTRAINT "ledger_entry_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "ledger_entry_not_zero" CHECK ("ledger_entry"."amount_pence" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_journal" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"posted_on" date NOT NULL,
	"financial_year" text NOT NULL,
	"description" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_ref" text,
	"idempotency_key" text NOT NULL,
	"content_hash" text NOT NULL,
	"reverses_journal_id" uuid,
	"reason" text,
	"posted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_journal_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "ledger_journal_idempotency_uq" UNIQUE("place_id","idempotency_key"),
	CONSTRAINT "ledger_journal_reverses_uq" UNIQUE("place_id","reverses_journal_id")
);
--> statement-breakpoint
ALTER TABLE "ledger_account" ADD CONSTRAINT "ledger_account_place_id_place_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("place_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_closed_month" ADD CONSTRAINT "ledger_closed_month_place_id_place_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("place_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_place_id_journal_id_ledger_journal_place_id_id_fk" FOREIGN KEY ("place_id","journal_id") REFERENCES "public"."ledger_journal"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_place_id_account_id_ledger_account_place_id_id_fk" FOREIGN KEY ("place_id","account_id") REFERENCES "public"."ledger_account"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entry_journal_idx" ON "ledger_entry" USING btree ("place_id","journal_id");--> statement-breakpoint
CREATE INDEX "ledger_entry_account_idx" ON "ledger_entry" USING btree ("place_id","account_id","posted_on");--> statement-breakpoint
CREATE INDEX "ledger_journal_posted_idx" ON "ledger_journal" USING btree ("place_id","posted_on");--> statement-breakpoint
-- Hand-written: the ledger's invariants, kept by the database whatever writes to it.
CREATE FUNCTION ledger_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE total bigint; n bigint;
BEGIN
  SELECT coalesce(sum(amount_pence), 0), count(*) INTO total, n FROM ledger_entry
   WHERE place_id = NEW.place_id AND journal_id = NEW.id;
  IF n < 2 THEN RAISE EXCEPTION 'ledger journal % has % entries; a journal needs at least two', NEW.id, n USING ERRCODE = '23514'; END IF;
  IF total <> 0 THEN RAISE EXCEPTION 'ledger journal % does not balance: its entries sum to % pence', NEW.id, total USING ERRCODE = '23514'; END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_journal_balanced AFTER INSERT ON ledger_journal
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_journal_balanced();
--> statement-breakpoint
CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE total bigint; n bigint;
BEGIN
  SELECT coalesce(sum(amount_pence), 0), count(*) INTO total, n FROM ledger_entry
   WHERE place_id = NEW.place_id AND journal_id = NEW.journal_id;
  IF n < 2 THEN RAISE EXCEPTION 'ledger journal % has % entries; a journal needs at least two', NEW.journal_id, n USING ERRCODE = '23514'; END IF;
  IF total <> 0 THEN RAISE EXCEPTION 'ledger journal % does not balance: its entries sum to % pence', NEW.journal_id, total USING ERRCODE = '23514'; END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_entry
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();
--> statement-breakpoint
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % of % refused; post a reversing journal instead', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_journal_append_only BEFORE UPDATE OR DELETE ON ledger_journal FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE FUNCTION ledger_open_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ledger_closed_month m WHERE m.place_id = NEW.place_id AND m.month = to_char(NEW.posted_on, 'YYYY-MM')) THEN
    RAISE EXCEPTION 'month % is closed: nothing may be posted dated in it', to_char(NEW.posted_on, 'YYYY-MM') USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE FUNCTION ledger_entry_dated_as_journal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ledger_journal j WHERE j.place_id = NEW.place_id AND j.id = NEW.journal_id AND j.posted_on = NEW.posted_on) THEN
    RAISE EXCEPTION 'a ledger entry is dated as its journal is' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_journal_open_month BEFORE INSERT ON ledger_journal FOR EACH ROW EXECUTE FUNCTION ledger_open_month();
--> statement-breakpoint
CREATE TRIGGER ledger_entry_open_month BEFORE INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_open_month();
--> statement-breakpoint
CREATE TRIGGER ledger_entry_dated_as_journal BEFORE INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_entry_dated_as_journal();
--> statement-breakpoint
CREATE TRIGGER ledger_closed_month_append_only BEFORE UPDATE OR DELETE ON ledger_closed_month FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
