CREATE TABLE "ledger_month_total" (
	"place_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"month" text NOT NULL,
	"debit_pence" bigint NOT NULL,
	"credit_pence" bigint NOT NULL,
	"entries" bigint NOT NULL,
	CONSTRAINT "ledger_month_total_place_id_account_id_month_pk" PRIMARY KEY("place_id","account_id","month")
);
--> statement-breakpoint
ALTER TABLE "ledger_month_total" ADD CONSTRAINT "ledger_month_total_place_id_month_ledger_closed_month_place_id_month_fk" FOREIGN KEY ("place_id","month") REFERENCES "public"."ledger_closed_month"("place_id","month") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_month_total_month_idx" ON "ledger_month_total" USING btree ("place_id","month");--> statement-breakpoint
CREATE INDEX "ledger_entry_posted_idx" ON "ledger_entry" USING btree ("place_id","posted_on");--> statement-breakpoint
-- Hand-written: a month's totals are written by the database as the month closes, whoever closes it.
CREATE FUNCTION ledger_month_totals_on_close() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_month_total (place_id, account_id, month, debit_pence, credit_pence, entries)
  SELECT e.place_id, e.account_id, NEW.month,
         coalesce(sum(e.amount_pence) FILTER (WHERE e.amount_pence > 0), 0),
         coalesce(-sum(e.amount_pence) FILTER (WHERE e.amount_pence < 0), 0),
         count(*)
    FROM ledger_entry e
   WHERE e.place_id = NEW.place_id
     AND e.posted_on >= to_date(NEW.month || '-01', 'YYYY-MM-DD')
     AND e.posted_on < to_date(NEW.month || '-01', 'YYYY-MM-DD') + interval '1 month'
   GROUP BY e.place_id, e.account_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_closed_month_totals AFTER INSERT ON ledger_closed_month FOR EACH ROW EXECUTE FUNCTION ledger_month_totals_on_close();
--> statement-breakpoint
CREATE TRIGGER ledger_month_total_append_only BEFORE UPDATE OR DELETE ON ledger_month_total FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
-- Months closed before this migration get their totals now.
INSERT INTO ledger_month_total (place_id, account_id, month, debit_pence, credit_pence, entries)
SELECT e.place_id, e.account_id, m.month,
       coalesce(sum(e.amount_pence) FILTER (WHERE e.amount_pence > 0), 0),
       coalesce(-sum(e.amount_pence) FILTER (WHERE e.amount_pence < 0), 0),
       count(*)
  FROM ledger_closed_month m
  JOIN ledger_entry e ON e.place_id = m.place_id AND to_char(e.posted_on, 'YYYY-MM') = m.month
 GROUP BY e.place_id, e.account_id, m.month;
