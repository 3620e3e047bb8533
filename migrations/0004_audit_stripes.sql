-- The audit chain is split into stripes (docs/decisions/0002): a writer locks any free stripe's head
-- instead of queueing on the place's one head. Entries written before keep their place on stripe 0,
-- where their position in the chain is the place-wide number they already had, so they still verify.
CREATE SEQUENCE "public"."audit_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
SELECT setval('audit_seq', coalesce((SELECT max("seq") FROM "audit_entry"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "audit_head" ADD COLUMN "stripe" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_head" DROP CONSTRAINT "audit_head_pkey";--> statement-breakpoint
ALTER TABLE "audit_head" ADD CONSTRAINT "audit_head_place_id_stripe_pk" PRIMARY KEY("place_id","stripe");--> statement-breakpoint
INSERT INTO "audit_head" ("place_id", "stripe", "seq", "hash")
  SELECT h."place_id", s.stripe, 0, repeat('0', 64) FROM "audit_head" h CROSS JOIN generate_series(1, 15) AS s(stripe)
  ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "audit_entry" ADD COLUMN "stripe" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entry" ADD COLUMN "stripe_seq" bigint;--> statement-breakpoint
UPDATE "audit_entry" SET "stripe_seq" = "seq";--> statement-breakpoint
ALTER TABLE "audit_entry" ALTER COLUMN "stripe_seq" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_entry_stripe_idx" ON "audit_entry" USING btree ("place_id","stripe","stripe_seq");
