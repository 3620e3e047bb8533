CREATE TABLE "occupied_bed_month" (
	"place_id" uuid NOT NULL,
	"month" date NOT NULL,
	"zone_id" uuid,
	"hospital_id" uuid NOT NULL,
	"ward" text NOT NULL,
	"bed_days" integer NOT NULL,
	CONSTRAINT "occupied_bed_month_key" UNIQUE NULLS NOT DISTINCT("place_id","month","zone_id","hospital_id","ward"),
	CONSTRAINT "occupied_bed_month_first_day" CHECK (extract(day from "occupied_bed_month"."month") = 1)
);
--> statement-breakpoint
DROP INDEX "delay_day_day_idx";--> statement-breakpoint
DROP INDEX "hospital_stay_admitted_idx";--> statement-breakpoint
DROP INDEX "hospital_stay_discharged_idx";--> statement-breakpoint
DROP INDEX "hospital_stay_open_idx";--> statement-breakpoint
ALTER TABLE "occupied_bed_month" ADD CONSTRAINT "occupied_bed_month_place_id_hospital_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","hospital_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupied_bed_month" ADD CONSTRAINT "occupied_bed_month_place_id_zone_id_zone_place_id_id_fk" FOREIGN KEY ("place_id","zone_id") REFERENCES "public"."zone"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delay_day_zone_day_idx" ON "delay_day" USING btree ("place_id","zone_id","day","attribution","reason");--> statement-breakpoint
CREATE INDEX "hospital_stay_measures_idx" ON "hospital_stay" USING btree ("place_id","zone_id","discharged_on","admission_group","age_at_admission","admitted_on","delay_days","pathway","discharge_destination","person_id","discharged_at");--> statement-breakpoint
-- Written by hand: the occupied bed days of the ward spells already ended, by month (a night belongs to
-- the day it begins): each ward spell with an end, and each discharged stay that never moved ward.
INSERT INTO "occupied_bed_month" ("place_id", "month", "zone_id", "hospital_id", "ward", "bed_days")
SELECT i."place_id", m::date, i."zone_id", i."hospital_id", i."ward",
       sum(least(i."to_on", (m + interval '1 month')::date) - greatest(i."from_on", m::date))::int
FROM (
  SELECT s."place_id", s."zone_id", s."hospital_id", w."ward", w."from_on", w."to_on"
  FROM "ward_spell" w JOIN "hospital_stay" s ON s."place_id" = w."place_id" AND s."id" = w."stay_id"
  WHERE w."to_on" IS NOT NULL
  UNION ALL
  SELECT s."place_id", s."zone_id", s."hospital_id", s."ward", s."admitted_on", s."discharged_on"
  FROM "hospital_stay" s
  WHERE s."discharged_on" IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM "ward_spell" w WHERE w."place_id" = s."place_id" AND w."stay_id" = s."id")
) i
CROSS JOIN LATERAL generate_series(date_trunc('month', i."from_on"::timestamp), date_trunc('month', (i."to_on" - 1)::timestamp), interval '1 month') m
WHERE i."to_on" > i."from_on"
GROUP BY i."place_id", m, i."zone_id", i."hospital_id", i."ward";
