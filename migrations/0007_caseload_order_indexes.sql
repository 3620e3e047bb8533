DROP INDEX "care_case_team_open_idx";--> statement-breakpoint
DROP INDEX "care_case_worker_open_idx";--> statement-breakpoint
CREATE INDEX "care_case_team_open_idx" ON "care_case" USING btree ("place_id","team_id","opened_at","id") WHERE "care_case"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "care_case_worker_open_idx" ON "care_case" USING btree ("place_id","worker_staff_id","opened_at","id") WHERE "care_case"."closed_at" is null;