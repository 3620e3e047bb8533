CREATE TABLE "commissioning_decision" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"decided_on" date NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"contract_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "commissioning_decision_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "commissioning_decision_ref_uq" UNIQUE("place_id","group_id","reference")
);
--> statement-breakpoint
CREATE TABLE "commissioning_group_member" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"partner_id" uuid,
	"user_id" uuid,
	"basis" text DEFAULT 'appointed' NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date,
	CONSTRAINT "commissioning_group_member_place_id_id_pk" PRIMARY KEY("place_id","id")
);
--> statement-breakpoint
CREATE TABLE "commissioning_group" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'group' NOT NULL,
	"client_groups" text[] NOT NULL,
	"budget_line_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"lead_partner_id" uuid,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "commissioning_group_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "commissioning_group_name_uq" UNIQUE("place_id","name"),
	CONSTRAINT "commissioning_group_kind_known" CHECK ("commissioning_group"."kind" in ('group','joint_board'))
);
--> statement-breakpoint
CREATE TABLE "contract" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"framework_id" uuid,
	"provider_partner_id" uuid NOT NULL,
	"commissioning_partner_id" uuid NOT NULL,
	"budget_line_code" text NOT NULL,
	"client_groups" text[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"block_annual_pence" bigint,
	"block_weekly_units_hundredths" integer,
	"annual_uplift_bp" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "contract_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "contract_reference_uq" UNIQUE("place_id","reference"),
	CONSTRAINT "contract_kind_known" CHECK ("contract"."kind" in ('block','spot','framework','call_off')),
	CONSTRAINT "contract_call_off_framework" CHECK (("contract"."kind" = 'call_off') = ("contract"."framework_id" is not null)),
	CONSTRAINT "contract_period" CHECK ("contract"."ends_on" is null or "contract"."ends_on" >= "contract"."starts_on"),
	CONSTRAINT "contract_budget_line" CHECK ("contract"."budget_line_code" like 'BL/%'),
	CONSTRAINT "contract_status_known" CHECK ("contract"."status" in ('active','ended'))
);
--> statement-breakpoint
CREATE TABLE "line_pricing" (
	"place_id" uuid NOT NULL,
	"service_line_id" uuid NOT NULL,
	"from_on" date NOT NULL,
	"contract_id" uuid NOT NULL,
	"rate_card_id" uuid NOT NULL,
	"rate_pence" bigint NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "line_pricing_place_id_service_line_id_from_on_pk" PRIMARY KEY("place_id","service_line_id","from_on")
);
--> statement-breakpoint
CREATE TABLE "provider_profile" (
	"place_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"cqc_location_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"in_house" boolean DEFAULT false NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"email" text,
	"phone" text,
	"website" text,
	"bank_account_name" text,
	"bank_sort_code" text,
	"bank_account_number" text,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "provider_profile_place_id_partner_id_pk" PRIMARY KEY("place_id","partner_id"),
	CONSTRAINT "provider_profile_sort_code" CHECK ("provider_profile"."bank_sort_code" is null or "provider_profile"."bank_sort_code" ~ '^[0-9]{6}$'),
	CONSTRAINT "provider_profile_account_number" CHECK ("provider_profile"."bank_account_number" is null or "provider_profile"."bank_account_number" ~ '^[0-9]{8}$')
);
--> statement-breakpoint
CREATE TABLE "rate_card" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"service_type" text NOT NULL,
	"unit" text NOT NULL,
	"enhancement" text DEFAULT 'standard' NOT NULL,
	"rate_pence" bigint NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"reason" text DEFAULT 'new' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "rate_card_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "rate_card_from_uq" UNIQUE("place_id","contract_id","service_type","unit","enhancement","effective_from"),
	CONSTRAINT "rate_card_positive" CHECK ("rate_card"."rate_pence" > 0),
	CONSTRAINT "rate_card_period" CHECK ("rate_card"."effective_to" is null or "rate_card"."effective_to" >= "rate_card"."effective_from")
);
--> statement-breakpoint
CREATE TABLE "delivery" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"service_line_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"provider_partner_id" uuid NOT NULL,
	"delivered_on" date NOT NULL,
	"unit" text NOT NULL,
	"quantity_hundredths" integer NOT NULL,
	"source" text NOT NULL,
	"external_ref" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "delivery_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "delivery_quantity_positive" CHECK ("delivery"."quantity_hundredths" > 0),
	CONSTRAINT "delivery_source_known" CHECK ("delivery"."source" in ('form','ecm'))
);
--> statement-breakpoint
CREATE TABLE "direct_payment_period" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"direct_payment_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"amount_pence" bigint NOT NULL,
	CONSTRAINT "direct_payment_period_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "direct_payment_period_uq" UNIQUE("place_id","direct_payment_id","period_from")
);
--> statement-breakpoint
CREATE TABLE "direct_payment_return" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"direct_payment_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"amount_pence" bigint NOT NULL,
	"reason" text NOT NULL,
	"journal_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "direct_payment_return_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "direct_payment_return_amount" CHECK ("direct_payment_return"."amount_pence" > 0)
);
--> statement-breakpoint
CREATE TABLE "direct_payment" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"service_line_id" uuid,
	"budget_line_code" text NOT NULL,
	"four_weekly_pence" bigint NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"payee" text DEFAULT 'person' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "direct_payment_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "direct_payment_amount" CHECK ("direct_payment"."four_weekly_pence" > 0),
	CONSTRAINT "direct_payment_period" CHECK ("direct_payment"."ends_on" is null or "direct_payment"."ends_on" >= "direct_payment"."starts_on"),
	CONSTRAINT "direct_payment_status_known" CHECK ("direct_payment"."status" in ('active','ended'))
);
--> statement-breakpoint
CREATE TABLE "invoice_line" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"provider_partner_id" uuid NOT NULL,
	"service_line_id" uuid,
	"line_reference" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"unit" text NOT NULL,
	"quantity_hundredths" integer NOT NULL,
	"rate_pence" bigint NOT NULL,
	"amount_pence" bigint NOT NULL,
	"planned_hundredths" integer,
	"delivered_hundredths" integer,
	"contract_rate_pence" bigint,
	"status" text NOT NULL,
	"hold_reason" text,
	"hold_detail" text,
	"dispute_note" text,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"budget_line_code" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "invoice_line_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "invoice_line_no_uq" UNIQUE("place_id","invoice_id","line_no"),
	CONSTRAINT "invoice_line_status_known" CHECK ("invoice_line"."status" in ('matched','held','disputed','approved','paid')),
	CONSTRAINT "invoice_line_held_reason" CHECK (("invoice_line"."status" = 'held') = ("invoice_line"."hold_reason" is not null)),
	CONSTRAINT "invoice_line_quantity" CHECK ("invoice_line"."quantity_hundredths" > 0 and "invoice_line"."rate_pence" >= 0 and "invoice_line"."amount_pence" >= 0),
	CONSTRAINT "invoice_line_period" CHECK ("invoice_line"."period_to" >= "invoice_line"."period_from")
);
--> statement-breakpoint
CREATE TABLE "invoice" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"provider_partner_id" uuid NOT NULL,
	"provider_reference" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"source" text NOT NULL,
	"file_sha256" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid,
	"total_pence" bigint NOT NULL,
	"lines_read" integer DEFAULT 0 NOT NULL,
	"lines_rejected" integer DEFAULT 0 NOT NULL,
	"rejected" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "invoice_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "invoice_provider_reference_uq" UNIQUE("place_id","provider_partner_id","provider_reference"),
	CONSTRAINT "invoice_period" CHECK ("invoice"."period_to" >= "invoice"."period_from"),
	CONSTRAINT "invoice_source_known" CHECK ("invoice"."source" in ('portal','csv'))
);
--> statement-breakpoint
CREATE TABLE "pay_run_line" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pay_run_id" uuid NOT NULL,
	"provider_partner_id" uuid,
	"invoice_line_id" uuid,
	"direct_payment_period_id" uuid,
	"service_line_id" uuid,
	"person_id" uuid,
	"budget_line_code" text NOT NULL,
	"amount_pence" bigint NOT NULL,
	CONSTRAINT "pay_run_line_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "pay_run_line_one_source" CHECK (("pay_run_line"."invoice_line_id" is null) <> ("pay_run_line"."direct_payment_period_id" is null)),
	CONSTRAINT "pay_run_line_amount" CHECK ("pay_run_line"."amount_pence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pay_run" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"cadence" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"paying_partner_id" uuid NOT NULL,
	"status" text NOT NULL,
	"prepared_by" uuid NOT NULL,
	"prepared_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"exported_at" timestamp with time zone,
	"exported_by" uuid,
	"posted_at" timestamp with time zone,
	"posted_by" uuid,
	"posted_on" date,
	"journal_id" uuid,
	"total_pence" bigint DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pay_run_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "pay_run_cadence_known" CHECK ("pay_run"."cadence" in ('weekly','four_weekly')),
	CONSTRAINT "pay_run_status_known" CHECK ("pay_run"."status" in ('draft','approved','exported','posted','cancelled')),
	CONSTRAINT "pay_run_four_eyes" CHECK ("pay_run"."approved_by" is null or "pay_run"."approved_by" <> "pay_run"."prepared_by"),
	CONSTRAINT "pay_run_period" CHECK ("pay_run"."period_to" >= "pay_run"."period_from")
);
--> statement-breakpoint
CREATE TABLE "placement" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"service_line_id" uuid NOT NULL,
	"provider_partner_id" uuid NOT NULL,
	"contract_id" uuid,
	"status" text NOT NULL,
	"offered_at" timestamp with time zone NOT NULL,
	"offered_by" uuid,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	"decline_reason" text,
	"started_on" date,
	"ended_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "placement_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "placement_status_known" CHECK ("placement"."status" in ('offered','accepted','declined','withdrawn','started','ended'))
);
--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "provider_partner_id" uuid;--> statement-breakpoint
ALTER TABLE "commissioning_decision" ADD CONSTRAINT "commissioning_decision_place_id_group_id_commissioning_group_place_id_id_fk" FOREIGN KEY ("place_id","group_id") REFERENCES "public"."commissioning_group"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioning_group_member" ADD CONSTRAINT "commissioning_group_member_place_id_group_id_commissioning_group_place_id_id_fk" FOREIGN KEY ("place_id","group_id") REFERENCES "public"."commissioning_group"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissioning_group" ADD CONSTRAINT "commissioning_group_place_id_lead_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","lead_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract" ADD CONSTRAINT "contract_place_id_provider_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","provider_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract" ADD CONSTRAINT "contract_place_id_commissioning_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","commissioning_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract" ADD CONSTRAINT "contract_place_id_framework_id_contract_place_id_id_fk" FOREIGN KEY ("place_id","framework_id") REFERENCES "public"."contract"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_pricing" ADD CONSTRAINT "line_pricing_place_id_rate_card_id_rate_card_place_id_id_fk" FOREIGN KEY ("place_id","rate_card_id") REFERENCES "public"."rate_card"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_profile" ADD CONSTRAINT "provider_profile_place_id_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_card" ADD CONSTRAINT "rate_card_place_id_contract_id_contract_place_id_id_fk" FOREIGN KEY ("place_id","contract_id") REFERENCES "public"."contract"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_place_id_placement_id_placement_place_id_id_fk" FOREIGN KEY ("place_id","placement_id") REFERENCES "public"."placement"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_payment_period" ADD CONSTRAINT "direct_payment_period_place_id_direct_payment_id_direct_payment_place_id_id_fk" FOREIGN KEY ("place_id","direct_payment_id") REFERENCES "public"."direct_payment"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_payment_return" ADD CONSTRAINT "direct_payment_return_place_id_direct_payment_id_direct_payment_place_id_id_fk" FOREIGN KEY ("place_id","direct_payment_id") REFERENCES "public"."direct_payment"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_line" ADD CONSTRAINT "invoice_line_place_id_invoice_id_invoice_place_id_id_fk" FOREIGN KEY ("place_id","invoice_id") REFERENCES "public"."invoice"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_place_id_provider_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","provider_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_run_line" ADD CONSTRAINT "pay_run_line_place_id_pay_run_id_pay_run_place_id_id_fk" FOREIGN KEY ("place_id","pay_run_id") REFERENCES "public"."pay_run"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_run_line" ADD CONSTRAINT "pay_run_line_place_id_invoice_line_id_invoice_line_place_id_id_fk" FOREIGN KEY ("place_id","invoice_line_id") REFERENCES "public"."invoice_line"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_run" ADD CONSTRAINT "pay_run_place_id_paying_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","paying_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_place_id_provider_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","provider_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_place_id_contract_id_contract_place_id_id_fk" FOREIGN KEY ("place_id","contract_id") REFERENCES "public"."contract"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commissioning_group_member_group_idx" ON "commissioning_group_member" USING btree ("place_id","group_id");--> statement-breakpoint
CREATE INDEX "contract_provider_idx" ON "contract" USING btree ("place_id","provider_partner_id");--> statement-breakpoint
CREATE INDEX "line_pricing_rate_idx" ON "line_pricing" USING btree ("place_id","rate_card_id");--> statement-breakpoint
CREATE INDEX "delivery_line_day_idx" ON "delivery" USING btree ("place_id","service_line_id","delivered_on");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_external_ref_uq" ON "delivery" USING btree ("place_id","provider_partner_id","external_ref") WHERE external_ref is not null;--> statement-breakpoint
CREATE INDEX "direct_payment_person_idx" ON "direct_payment" USING btree ("place_id","person_id");--> statement-breakpoint
CREATE INDEX "invoice_line_service_line_idx" ON "invoice_line" USING btree ("place_id","service_line_id","period_from");--> statement-breakpoint
CREATE INDEX "invoice_line_status_idx" ON "invoice_line" USING btree ("place_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_run_line_invoice_line_paid_once" ON "pay_run_line" USING btree ("place_id","invoice_line_id") WHERE invoice_line_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "pay_run_line_direct_payment_paid_once" ON "pay_run_line" USING btree ("place_id","direct_payment_period_id") WHERE direct_payment_period_id is not null;--> statement-breakpoint
CREATE INDEX "pay_run_line_run_idx" ON "pay_run_line" USING btree ("place_id","pay_run_id");--> statement-breakpoint
CREATE INDEX "placement_provider_idx" ON "placement" USING btree ("place_id","provider_partner_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_one_live_per_line" ON "placement" USING btree ("place_id","service_line_id") WHERE status in ('offered','accepted','started');--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_provider_staff" CHECK (("app_user"."role" = 'provider_staff') = ("app_user"."provider_partner_id" is not null));