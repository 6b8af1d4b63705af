ALTER TABLE "invoices" ADD COLUMN "renewal_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "renewal_months" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_renewal_key" ON "invoices" USING btree ("service_id","renewal_for") WHERE "invoices"."status" <> 'cancelled';