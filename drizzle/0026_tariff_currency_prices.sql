CREATE TABLE "tariff_currency_addon_prices" (
	"tariff_id" integer NOT NULL,
	"currency" text NOT NULL,
	"key" text NOT NULL,
	"unit_price" bigint NOT NULL,
	CONSTRAINT "tariff_currency_addon_prices_tariff_id_currency_key_pk" PRIMARY KEY("tariff_id","currency","key"),
	CONSTRAINT "tariff_currency_addon_prices_price_check" CHECK ("tariff_currency_addon_prices"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tariff_currency_prices" (
	"tariff_id" integer NOT NULL,
	"currency" text NOT NULL,
	"months" integer NOT NULL,
	"price" bigint NOT NULL,
	CONSTRAINT "tariff_currency_prices_tariff_id_currency_months_pk" PRIMARY KEY("tariff_id","currency","months"),
	CONSTRAINT "tariff_currency_prices_months_check" CHECK ("tariff_currency_prices"."months" in (1, 3, 6, 12, 24, 36)),
	CONSTRAINT "tariff_currency_prices_price_check" CHECK ("tariff_currency_prices"."price" >= 0)
);
--> statement-breakpoint
ALTER TABLE "tariff_currency_addon_prices" ADD CONSTRAINT "tariff_currency_addon_prices_tariff_id_tariffs_id_fk" FOREIGN KEY ("tariff_id") REFERENCES "public"."tariffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_currency_prices" ADD CONSTRAINT "tariff_currency_prices_tariff_id_tariffs_id_fk" FOREIGN KEY ("tariff_id") REFERENCES "public"."tariffs"("id") ON DELETE cascade ON UPDATE no action;