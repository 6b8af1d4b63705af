ALTER TABLE "users" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "locale" text;