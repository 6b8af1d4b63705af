ALTER TABLE "services" DROP CONSTRAINT "services_pending_check";--> statement-breakpoint
ALTER TABLE "operations" DROP CONSTRAINT "operations_kind_check";--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_pending_check" CHECK ("services"."pending" in ('open', 'suspend', 'resume', 'close', 'prolong', 'change_tariff', 'sync', 'manage'));--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_kind_check" CHECK ("operations"."kind" in ('open', 'suspend', 'resume', 'close', 'prolong', 'change_tariff', 'sync', 'manage'));