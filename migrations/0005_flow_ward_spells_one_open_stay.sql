CREATE TABLE "ward_spell" (
	"place_id" uuid NOT NULL,
	"stay_id" uuid NOT NULL,
	"seq" smallint NOT NULL,
	"ward" text NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"from_on" date NOT NULL,
	"to_at" timestamp with time zone,
	"to_on" date,
	CONSTRAINT "ward_spell_place_id_stay_id_seq_pk" PRIMARY KEY("place_id","stay_id","seq"),
	CONSTRAINT "ward_spell_ends_after_start" CHECK ("ward_spell"."to_at" is null or "ward_spell"."to_at" >= "ward_spell"."from_at")
);
--> statement-breakpoint
ALTER TABLE "ward_spell" ADD CONSTRAINT "ward_spell_place_id_stay_id_hospital_stay_place_id_id_fk" FOREIGN KEY ("place_id","stay_id") REFERENCES "public"."hospital_stay"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Written by hand: a person is in one hospital stay at a time. Say so plainly, rather than fail on the index, when a place already holds two open stays for someone.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "hospital_stay" WHERE "status" <> 'discharged' GROUP BY "place_id", "person_id" HAVING count(*) > 1) THEN
    RAISE EXCEPTION 'Some people have two hospital stays open at once; discharge one of each pair before this migration (see docs/decisions/0006-one-stay-at-a-time.md): %',
      (SELECT string_agg(x.stays, '; ') FROM (SELECT string_agg("source_system" || ' ' || "source_stay_id", ', ') AS stays FROM "hospital_stay" WHERE "status" <> 'discharged' GROUP BY "place_id", "person_id" HAVING count(*) > 1 LIMIT 20) x);
  END IF;
END $$;
--> statement-breakpoint
CREATE UNIQUE INDEX "hospital_stay_one_open_per_person" ON "hospital_stay" USING btree ("place_id","person_id") WHERE "hospital_stay"."status" <> 'discharged';--> statement-breakpoint
-- Written by hand: the ward history of the stays already recorded that moved ward, from their admission and
-- ward-move events (the admission first when a move has the same instant). A stay that never moved keeps no spells.
INSERT INTO "ward_spell" ("place_id", "stay_id", "seq", "ward", "from_at", "from_on", "to_at", "to_on")
SELECT m."place_id", m."stay_id", m."seq", m."ward", m."from_at", (m."from_at" AT TIME ZONE 'Europe/London')::date, m."to_at", (m."to_at" AT TIME ZONE 'Europe/London')::date
FROM (
  SELECT e."place_id", e."stay_id",
         row_number() OVER w AS "seq",
         coalesce(CASE WHEN e."kind" = 'admit' THEN e."detail"->>'ward' ELSE e."detail"->>'to' END, s."ward") AS "ward",
         e."at" AS "from_at",
         coalesce(lead(e."at") OVER w, s."discharged_at") AS "to_at"
  FROM "stay_event" e
  JOIN "hospital_stay" s ON s."place_id" = e."place_id" AND s."id" = e."stay_id"
  WHERE e."kind" IN ('admit', 'ward_move')
    AND EXISTS (SELECT 1 FROM "stay_event" m WHERE m."place_id" = e."place_id" AND m."stay_id" = e."stay_id" AND m."kind" = 'ward_move')
  WINDOW w AS (PARTITION BY e."place_id", e."stay_id" ORDER BY e."at", e."kind" <> 'admit', e."recorded_at", e."id")
) m;
