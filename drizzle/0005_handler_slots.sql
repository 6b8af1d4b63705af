CREATE TABLE "handler_slots" (
	"handler_id" integer NOT NULL,
	"slot" integer NOT NULL,
	"operation_id" integer,
	"lease_token" text,
	"lease_until" timestamp with time zone,
	CONSTRAINT "handler_slots_handler_id_slot_pk" PRIMARY KEY("handler_id","slot")
);
--> statement-breakpoint
ALTER TABLE "handler_slots" ADD CONSTRAINT "handler_slots_handler_id_handlers_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."handlers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handlers" DROP COLUMN "running";