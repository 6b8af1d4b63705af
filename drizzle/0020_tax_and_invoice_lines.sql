CREATE TABLE "invoice_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invoice_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"invoice_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"description" text NOT NULL,
	"period_start" timestamp with time zone,
	"period_end" timestamp with time zone,
	"months" integer,
	"domain" text,
	"addons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"order_item_id" integer,
	"service_id" integer,
	"net" bigint NOT NULL,
	"tax_category" text DEFAULT 'none' NOT NULL,
	"tax_name" text,
	"tax_rate_bp" integer DEFAULT 0 NOT NULL,
	"tax_amount" bigint DEFAULT 0 NOT NULL,
	"total" bigint NOT NULL,
	CONSTRAINT "invoice_lines_total_check" CHECK ("invoice_lines"."total" = "invoice_lines"."net" + "invoice_lines"."tax_amount"),
	CONSTRAINT "invoice_lines_rate_check" CHECK ("invoice_lines"."tax_rate_bp" >= 0 and "invoice_lines"."tax_rate_bp" <= 10000),
	CONSTRAINT "invoice_lines_tax_category_check" CHECK ("invoice_lines"."tax_category" in ('standard', 'reverse_charge', 'exempt', 'none'))
);
--> statement-breakpoint
CREATE TABLE "tax_rates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tax_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"country" text NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"name" text DEFAULT 'VAT' NOT NULL,
	"rate_bp" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tax_rates_rate_check" CHECK ("tax_rates"."rate_bp" >= 0 and "tax_rates"."rate_bp" <= 10000)
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "tax_id" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "tax_exempt" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "tax_exempt_reason" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "subtotal" bigint;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "tax_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "prices_include_tax" boolean;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "tax_note" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "buyer" jsonb;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "seller" jsonb;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_lines_invoice_idx" ON "invoice_lines" USING btree ("invoice_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "tax_rates_country_region_key" ON "tax_rates" USING btree ("country","region");--> statement-breakpoint
-- Invoices issued before tax get their lines as they were billed: no tax, net = total.
INSERT INTO "invoice_lines" ("invoice_id", "position", "description", "months", "domain", "addons", "order_item_id", "net", "total")
SELECT i."id", (row_number() OVER (PARTITION BY i."id" ORDER BY oi."id") - 1)::int, t."name", oi."months",
  coalesce(oi."params"->>'domain', oi."params"->>'hostname'),
  (SELECT coalesce(jsonb_agg(jsonb_build_object('label', coalesce(r."label", a."key"), 'units', a."value"::int, 'unit', coalesce(r."unit", '')) ORDER BY a."key"), '[]'::jsonb)
     FROM jsonb_each_text(oi."addons") a LEFT JOIN "tariff_resources" r ON r."tariff_id" = oi."tariff_id" AND r."key" = a."key"
     WHERE a."value"::int > 0),
  oi."id", oi."price", oi."price"
FROM "invoices" i JOIN "order_items" oi ON oi."order_id" = i."order_id" JOIN "tariffs" t ON t."id" = oi."tariff_id";--> statement-breakpoint
INSERT INTO "invoice_lines" ("invoice_id", "position", "description", "months", "domain", "service_id", "net", "total")
SELECT i."id", 0, i."description", s."months", s."domain", s."id", i."amount", i."amount"
FROM "invoices" i JOIN "services" s ON s."id" = i."service_id" WHERE i."order_id" IS NULL;--> statement-breakpoint
INSERT INTO "invoice_lines" ("invoice_id", "position", "description", "net", "total")
SELECT i."id", 0, i."description", i."amount", i."amount"
FROM "invoices" i WHERE i."order_id" IS NULL AND i."service_id" IS NULL;--> statement-breakpoint
UPDATE "invoices" SET "subtotal" = "amount" WHERE "subtotal" IS NULL;
