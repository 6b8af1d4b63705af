CREATE INDEX "clients_email_search_idx" ON "clients" USING btree (lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "clients_name_search_idx" ON "clients" USING btree (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "services_domain_search_idx" ON "services" USING btree ("domain" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "services_remote_name_search_idx" ON "services" USING btree (lower("remote_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "services_ip_search_idx" ON "services" USING btree (("details" ->> 'ip') text_pattern_ops);