-- Custom SQL migration file, put your code below! ---- Invoices issued before numbering get numbers in the default format, per year of issue, in id order;
-- the counters continue from there. A number or issue date once given is never changed.
UPDATE "invoices" i SET "number" = 'INV-' || n."y" || '-' || lpad(n."rn"::text, greatest(6, length(n."rn"::text)), '0'), "issued_at" = i."created_at"
FROM (
  SELECT "id", extract(year FROM "created_at" AT TIME ZONE 'UTC')::int AS "y",
    row_number() OVER (PARTITION BY extract(year FROM "created_at" AT TIME ZONE 'UTC') ORDER BY "id") AS "rn"
  FROM "invoices" WHERE "number" IS NULL
) n
WHERE n."id" = i."id";
--> statement-breakpoint
INSERT INTO "invoice_counters" ("seller", "year", "last")
SELECT 'default', extract(year FROM "issued_at" AT TIME ZONE 'UTC')::int, count(*) FROM "invoices" WHERE "number" IS NOT NULL GROUP BY 1, 2
ON CONFLICT ("seller", "year") DO UPDATE SET "last" = greatest("invoice_counters"."last", excluded."last");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "invoices_number_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD."number" IS NOT NULL AND NEW."number" IS DISTINCT FROM OLD."number")
    OR (OLD."issued_at" IS NOT NULL AND NEW."issued_at" IS DISTINCT FROM OLD."issued_at") THEN
    RAISE EXCEPTION 'Invoice % keeps its number and issue date', OLD."number" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoices_number_fixed" BEFORE UPDATE ON "invoices" FOR EACH ROW EXECUTE FUNCTION "invoices_number_fixed"();
