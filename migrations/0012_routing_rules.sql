CREATE TABLE "routing_rule" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"client_groups" text[] NOT NULL,
	"needs" text[] NOT NULL,
	"age_from" integer,
	"age_to" integer,
	"zone_id" uuid,
	"gp_practice_id" uuid,
	"action" text NOT NULL,
	"team_id" uuid,
	"team_kind" text,
	"signpost" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	CONSTRAINT "routing_rule_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "routing_rule_action_known" CHECK ("routing_rule"."action" in ('team','zone_team','not_covered')),
	CONSTRAINT "routing_rule_team_given" CHECK (("routing_rule"."action" = 'team') = ("routing_rule"."team_id" is not null)),
	CONSTRAINT "routing_rule_ages" CHECK ("routing_rule"."age_from" is null or "routing_rule"."age_to" is null or "routing_rule"."age_to" >= "routing_rule"."age_from")
);
--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "client_group" text;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "need" text;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "routing_rule_id" uuid;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "routing_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "not_covered_signpost" text;--> statement-breakpoint
ALTER TABLE "routing_rule" ADD CONSTRAINT "routing_rule_place_id_zone_id_zone_place_id_id_fk" FOREIGN KEY ("place_id","zone_id") REFERENCES "public"."zone"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rule" ADD CONSTRAINT "routing_rule_place_id_gp_practice_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","gp_practice_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rule" ADD CONSTRAINT "routing_rule_place_id_team_id_team_place_id_id_fk" FOREIGN KEY ("place_id","team_id") REFERENCES "public"."team"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routing_rule_order_idx" ON "routing_rule" USING btree ("place_id","position");--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_place_id_routing_rule_id_routing_rule_place_id_id_fk" FOREIGN KEY ("place_id","routing_rule_id") REFERENCES "public"."routing_rule"("place_id","id") ON DELETE no action ON UPDATE no action;