CREATE TABLE "payment_sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"client_id" integer NOT NULL,
	"invoice_id" integer,
	"gateway" text NOT NULL,
	"external_id" text NOT NULL,
	"payment_intent_id" text,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"refunded" bigint DEFAULT 0 NOT NULL,
	"failure_reason" text,
	"payment_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "payment_sessions_gateway_check" CHECK ("payment_sessions"."gateway" in ('stripe', 'demo')),
	CONSTRAINT "payment_sessions_status_check" CHECK ("payment_sessions"."status" in ('open', 'paid', 'failed', 'expired')),
	CONSTRAINT "payment_sessions_amount_check" CHECK ("payment_sessions"."amount" > 0),
	CONSTRAINT "payment_sessions_refunded_check" CHECK ("payment_sessions"."refunded" >= 0 and "payment_sessions"."refunded" <= "payment_sessions"."amount")
);
--> statement-breakpoint
ALTER TABLE "payments" DROP CONSTRAINT "payments_method_check";--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "postcode" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "domain" text;--> statement-breakpoint
ALTER TABLE "service_history" ADD COLUMN "staff_note" text;--> statement-breakpoint
ALTER TABLE "payment_sessions" ADD CONSTRAINT "payment_sessions_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_sessions" ADD CONSTRAINT "payment_sessions_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_sessions" ADD CONSTRAINT "payment_sessions_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_sessions_external_key" ON "payment_sessions" USING btree ("external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_sessions_intent_key" ON "payment_sessions" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "payment_sessions_client_idx" ON "payment_sessions" USING btree ("client_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "services_live_domain_key" ON "services" USING btree ("product_type","domain") WHERE "services"."status" <> 'closed';--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_method_check" CHECK ("payments"."method" in ('gateway', 'stripe', 'admin'));