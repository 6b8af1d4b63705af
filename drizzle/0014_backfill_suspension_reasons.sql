-- Custom SQL migration file, put your code below! ---- Services suspended before reasons were kept get one, so lifting a reason never resumes them by mistake
-- and a client's lift finds what it suspended: the client-wide reason while their client is suspended
-- (live services, one being set up included), non-payment when their last suspend came from the
-- renewal sweep, else the administrator's.
INSERT INTO "service_suspensions" ("service_id", "reason", "scope", "created_at")
SELECT s."id",
  CASE
    WHEN c."suspended_at" IS NULL AND (
      SELECT o."params"->>'reason' FROM "operations" o
      WHERE o."service_id" = s."id" AND o."kind" = 'suspend' AND o."status" = 'done'
      ORDER BY o."id" DESC LIMIT 1
    ) = 'expired' THEN 'non_payment'
    ELSE 'admin'
  END,
  CASE WHEN c."suspended_at" IS NOT NULL THEN 'client' ELSE 'service' END,
  coalesce(c."suspended_at", s."updated_at")
FROM "services" s JOIN "clients" c ON c."id" = s."client_id"
WHERE (s."status" = 'suspended' OR (c."suspended_at" IS NOT NULL AND s."status" IN ('processing', 'active')))
  AND NOT EXISTS (SELECT 1 FROM "service_suspensions" x WHERE x."service_id" = s."id" AND x."lifted_at" IS NULL);
