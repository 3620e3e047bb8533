CREATE TABLE "audit_entry" (
	"place_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"user_id" uuid,
	"role" text NOT NULL,
	"action" text NOT NULL,
	"person_ids" uuid[] NOT NULL,
	"outcome" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"detail" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_entry_place_id_seq_pk" PRIMARY KEY("place_id","seq")
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"place_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_relationship" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"team_id" uuid,
	"user_id" uuid,
	"sector" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"granted_by" uuid,
	"ended_by" uuid,
	"review_status" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	CONSTRAINT "care_relationship_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "care_relationship_holder" CHECK ("care_relationship"."team_id" is not null or "care_relationship"."user_id" is not null),
	CONSTRAINT "care_relationship_kind_known" CHECK ("care_relationship"."kind" in ('caseload','referral','triage','registration','break_glass')),
	CONSTRAINT "care_relationship_sector_known" CHECK ("care_relationship"."sector" in ('health','social_care','integrated'))
);
--> statement-breakpoint
CREATE TABLE "session" (
	"place_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "session_place_id_token_hash_pk" PRIMARY KEY("place_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "app_user" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"staff_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_user_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "app_user_email_unique" UNIQUE("place_id","email")
);
--> statement-breakpoint
CREATE TABLE "delegation" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"from_partner_id" uuid NOT NULL,
	"to_partner_id" uuid NOT NULL,
	"function" text NOT NULL,
	"client_groups" text[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"note" text DEFAULT '' NOT NULL,
	"supersedes_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delegation_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "delegation_period_order" CHECK ("delegation"."valid_to" is null or "delegation"."valid_to" >= "delegation"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "partner" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"ods_code" text,
	"zone_id" uuid,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "partner_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "partner_ods_unique" UNIQUE("place_id","ods_code"),
	CONSTRAINT "partner_kind_known" CHECK ("partner"."kind" in ('nhs_trust','council','icb','pct','care_trust','gp_practice','provider','voluntary','hospital'))
);
--> statement-breakpoint
CREATE TABLE "place" (
	"place_id" uuid PRIMARY KEY NOT NULL,
	"preset" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"client_groups" text[] NOT NULL,
	"established_on" date,
	"dissolved_on" date,
	"synth_seed" integer,
	"synth_population" integer,
	"demo" text DEFAULT 'no' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_preset_unique" UNIQUE("preset")
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"profession" text NOT NULL,
	"employer_partner_id" uuid NOT NULL,
	"managing_partner_id" uuid NOT NULL,
	"terms" text NOT NULL,
	"grade" text NOT NULL,
	"email" text,
	"started_on" date,
	"left_on" date,
	CONSTRAINT "staff_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "staff_terms_known" CHECK ("staff"."terms" in ('agenda_for_change','council','medical','other'))
);
--> statement-breakpoint
CREATE TABLE "team_member" (
	"place_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"role_in_team" text DEFAULT 'member' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "team_member_place_id_team_id_staff_id_valid_from_pk" PRIMARY KEY("place_id","team_id","staff_id","valid_from")
);
--> statement-breakpoint
CREATE TABLE "team" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"zone_id" uuid,
	"managing_partner_id" uuid NOT NULL,
	CONSTRAINT "team_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "team_code_unique" UNIQUE("place_id","code")
);
--> statement-breakpoint
CREATE TABLE "zone" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "zone_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "zone_code_unique" UNIQUE("place_id","code")
);
--> statement-breakpoint
CREATE TABLE "person" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"nhs_number" text,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"other_names" text DEFAULT '' NOT NULL,
	"preferred_name" text DEFAULT '' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"birth_date" date NOT NULL,
	"death_date" date,
	"gender" text DEFAULT 'X' NOT NULL,
	"ethnicity" text,
	"address_lines" text[] DEFAULT '{}'::text[] NOT NULL,
	"postcode" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"gp_practice_id" uuid,
	"household_id" uuid,
	"lives_alone" boolean,
	"interpreter_language" text DEFAULT '' NOT NULL,
	"consent_to_share" boolean DEFAULT true NOT NULL,
	"objects_to_health_social_care_sharing" boolean DEFAULT false NOT NULL,
	"sharing_note" text DEFAULT '' NOT NULL,
	"consent_recorded_on" date,
	"search_name" text NOT NULL,
	"merged_into_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_place_id_id_pk" PRIMARY KEY("place_id","id"),
	CONSTRAINT "person_nhs_number_digits" CHECK ("person"."nhs_number" is null or "person"."nhs_number" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "person_alias" (
	"place_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"alias_person_id" uuid NOT NULL,
	"nhs_number" text,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"merged_by" uuid,
	"merged_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "person_alias_place_id_alias_person_id_pk" PRIMARY KEY("place_id","alias_person_id")
);
--> statement-breakpoint
CREATE TABLE "person_carer" (
	"place_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"carer_person_id" uuid NOT NULL,
	"relationship" text NOT NULL,
	"main_carer" boolean DEFAULT false NOT NULL,
	"since" date,
	CONSTRAINT "person_carer_place_id_person_id_carer_person_id_pk" PRIMARY KEY("place_id","person_id","carer_person_id")
);
--> statement-breakpoint
CREATE TABLE "person_contact" (
	"place_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relationship" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"next_of_kin" boolean DEFAULT false NOT NULL,
	"power_of_attorney" boolean DEFAULT false NOT NULL,
	CONSTRAINT "person_contact_place_id_id_pk" PRIMARY KEY("place_id","id")
);
--> statement-breakpoint
CREATE TABLE "person_version" (
	"place_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	"change" text NOT NULL,
	CONSTRAINT "person_version_place_id_person_id_version_pk" PRIMARY KEY("place_id","person_id","version")
);
--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_place_id_user_id_app_user_place_id_id_fk" FOREIGN KEY ("place_id","user_id") REFERENCES "public"."app_user"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_place_id_place_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("place_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation" ADD CONSTRAINT "delegation_place_id_from_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","from_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation" ADD CONSTRAINT "delegation_place_id_to_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","to_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner" ADD CONSTRAINT "partner_place_id_place_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("place_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner" ADD CONSTRAINT "partner_place_id_zone_id_zone_place_id_id_fk" FOREIGN KEY ("place_id","zone_id") REFERENCES "public"."zone"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_place_id_employer_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","employer_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_place_id_managing_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","managing_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_place_id_team_id_team_place_id_id_fk" FOREIGN KEY ("place_id","team_id") REFERENCES "public"."team"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_place_id_staff_id_staff_place_id_id_fk" FOREIGN KEY ("place_id","staff_id") REFERENCES "public"."staff"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_place_id_zone_id_zone_place_id_id_fk" FOREIGN KEY ("place_id","zone_id") REFERENCES "public"."zone"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_place_id_managing_partner_id_partner_place_id_id_fk" FOREIGN KEY ("place_id","managing_partner_id") REFERENCES "public"."partner"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone" ADD CONSTRAINT "zone_place_id_place_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("place_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_place_id_place_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("place_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_alias" ADD CONSTRAINT "person_alias_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_alias" ADD CONSTRAINT "person_alias_place_id_alias_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","alias_person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_carer" ADD CONSTRAINT "person_carer_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_carer" ADD CONSTRAINT "person_carer_place_id_carer_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","carer_person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_contact" ADD CONSTRAINT "person_contact_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_version" ADD CONSTRAINT "person_version_place_id_person_id_person_place_id_id_fk" FOREIGN KEY ("place_id","person_id") REFERENCES "public"."person"("place_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entry_person_idx" ON "audit_entry" USING gin ("person_ids");--> statement-breakpoint
CREATE INDEX "audit_entry_user_idx" ON "audit_entry" USING btree ("place_id","user_id","seq");--> statement-breakpoint
CREATE INDEX "care_relationship_person_idx" ON "care_relationship" USING btree ("place_id","person_id");--> statement-breakpoint
CREATE INDEX "care_relationship_team_idx" ON "care_relationship" USING btree ("place_id","team_id");--> statement-breakpoint
CREATE INDEX "care_relationship_user_idx" ON "care_relationship" USING btree ("place_id","user_id");--> statement-breakpoint
CREATE INDEX "care_relationship_review_idx" ON "care_relationship" USING btree ("place_id","review_status");--> statement-breakpoint
CREATE INDEX "session_token_idx" ON "session" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "app_user_email_idx" ON "app_user" USING btree ("email");--> statement-breakpoint
CREATE INDEX "team_member_staff_idx" ON "team_member" USING btree ("place_id","staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_nhs_number_unique" ON "person" USING btree ("place_id","nhs_number") WHERE "person"."merged_into_id" is null;--> statement-breakpoint
CREATE INDEX "person_birth_date_idx" ON "person" USING btree ("place_id","birth_date");--> statement-breakpoint
CREATE INDEX "person_search_name_trgm" ON "person" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_family_name_idx" ON "person" USING btree ("place_id","family_name");--> statement-breakpoint
CREATE INDEX "person_household_idx" ON "person" USING btree ("place_id","household_id");--> statement-breakpoint
CREATE INDEX "person_alias_person_idx" ON "person_alias" USING btree ("place_id","person_id");--> statement-breakpoint
CREATE INDEX "person_carer_carer_idx" ON "person_carer" USING btree ("place_id","carer_person_id");--> statement-breakpoint
CREATE INDEX "person_contact_person_idx" ON "person_contact" USING btree ("place_id","person_id");