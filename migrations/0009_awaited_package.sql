ALTER TABLE "stay_event" DROP CONSTRAINT "stay_event_kind_known";--> statement-breakpoint
ALTER TABLE "awaited_item" ADD COLUMN "plan_id" uuid;--> statement-breakpoint
ALTER TABLE "awaited_item" ADD COLUMN "service_line_id" uuid;--> statement-breakpoint
ALTER TABLE "awaited_item" ADD COLUMN "provider_partner_id" uuid;--> statement-breakpoint
ALTER TABLE "awaited_item" ADD COLUMN "planned_start" date;--> statement-breakpoint
ALTER TABLE "awaited_item" ADD COLUMN "package_status" text;--> statement-breakpoint
ALTER TABLE "awaited_item" ADD COLUMN "met_on" date;--> statement-breakpoint
ALTER TABLE "awaited_item" ADD CONSTRAINT "awaited_item_place_id_plan_id_care_plan_place_id_id_fk" FOREIGN KEY ("place_id","plan_id") REFERENCES "public"."care_plan"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awaited_item" ADD CONSTRAINT "awaited_item_place_id_service_line_id_service_line_place_id_id_fk" FOREIGN KEY ("place_id","service_line_id") REFERENCES "public"."service_line"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awaited_item" ADD CONSTRAINT "awaited_item_place_id_provider_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","provider_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "awaited_item_line_idx" ON "awaited_item" USING btree ("place_id","service_line_id") WHERE "awaited_item"."service_line_id" is not null;--> statement-breakpoint
ALTER TABLE "awaited_item" ADD CONSTRAINT "awaited_item_package_status_known" CHECK ("awaited_item"."package_status" is null or "awaited_item"."package_status" in ('approved','in_place','cancelled'));--> statement-breakpoint
ALTER TABLE "awaited_item" ADD CONSTRAINT "awaited_item_package_linked" CHECK (("awaited_item"."package_status" is null) = ("awaited_item"."service_line_id" is null));--> statement-breakpoint
ALTER TABLE "awaited_item" ADD CONSTRAINT "awaited_item_met_is_resolved" CHECK ("awaited_item"."met_on" is null or "awaited_item"."resolved_at" is not null);--> statement-breakpoint
ALTER TABLE "stay_event" ADD CONSTRAINT "stay_event_kind_known" CHECK ("stay_event"."kind" in ('admit','ward_move','not_meeting_criteria','meeting_criteria','awaiting','awaiting_resolved','discharge','package'));