ALTER TABLE "ledger_journal" ADD COLUMN "tx_id" bigint DEFAULT txid_current() NOT NULL;--> statement-breakpoint
-- A journal's balance was checked at commit once per entry, each check summing the whole journal:
-- quadratic in its size (a pay run of 20,000 lines spent most of its two minutes there). It is now
-- checked once per journal (ledger_journal_balanced, unchanged), and an entry may only be written in
-- the transaction that posted its journal, so no entry can join a journal after that check.
DROP TRIGGER ledger_entry_balanced ON ledger_entry;
--> statement-breakpoint
DROP FUNCTION ledger_entry_balanced();
--> statement-breakpoint
CREATE FUNCTION ledger_entry_with_its_journal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ledger_journal WHERE place_id = NEW.place_id AND id = NEW.journal_id AND tx_id = txid_current()) THEN
    RAISE EXCEPTION 'ledger journal % is already posted: an entry can only be written with its journal, in the same transaction', NEW.journal_id USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entry_with_its_journal BEFORE INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_entry_with_its_journal();
--> statement-breakpoint
-- The posting transaction is the database's to record, whatever a writer sends (bulk writers send every column).
CREATE FUNCTION ledger_journal_tx() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.tx_id := txid_current();
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_journal_tx BEFORE INSERT ON ledger_journal FOR EACH ROW EXECUTE FUNCTION ledger_journal_tx();
