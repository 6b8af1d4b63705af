CREATE TABLE "service_suspensions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_suspensions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"service_id" integer NOT NULL,
	"reason" text NOT NULL,
	"scope" text DEFAULT 'service' NOT NULL,
	"note" text,
	"by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by_id" integer,
	CONSTRAINT "service_suspensions_reason_check" CHECK ("service_suspensions"."reason" in ('non_payment', 'abuse', 'client_request', 'admin')),
	CONSTRAINT "service_suspensions_scope_check" CHECK ("service_suspensions"."scope" in ('service', 'client'))
);
--> statement-breakpoint
CREATE TABLE "chat_outbox" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "chat_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"department_id" integer NOT NULL,
	"dedupe_key" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"response_status" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "chat_outbox_status_check" CHECK ("chat_outbox"."status" in ('queued', 'sending', 'sent', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "notify" text DEFAULT 'each' NOT NULL;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "chat_url" text;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "chat_id" text;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "digest_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tariffs" ADD COLUMN "refund_unused_on_close" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "service_suspensions" ADD CONSTRAINT "service_suspensions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_suspensions" ADD CONSTRAINT "service_suspensions_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_suspensions" ADD CONSTRAINT "service_suspensions_lifted_by_id_users_id_fk" FOREIGN KEY ("lifted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_outbox" ADD CONSTRAINT "chat_outbox_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_suspensions_service_idx" ON "service_suspensions" USING btree ("service_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_suspensions_held_key" ON "service_suspensions" USING btree ("service_id","scope","reason") WHERE "service_suspensions"."lifted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "chat_outbox_dedupe_key" ON "chat_outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "chat_outbox_due_idx" ON "chat_outbox" USING btree ("status","run_at");--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_notify_check" CHECK ("departments"."notify" in ('each', 'digest', 'off'));