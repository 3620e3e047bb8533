ALTER TABLE "commitment_line" DROP CONSTRAINT "commitment_line_place_id_service_line_id_pk";--> statement-breakpoint
ALTER TABLE "commitment_line" ADD CONSTRAINT "commitment_line_place_id_service_line_id_start_on_pk" PRIMARY KEY("place_id","service_line_id","start_on");--> statement-breakpoint
ALTER TABLE "service_line" ADD COLUMN "price_from" date;