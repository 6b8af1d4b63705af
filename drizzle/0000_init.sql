CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"passwordHash" text NOT NULL,
	"role" text NOT NULL,
	"clientId" integer,
	"disabled" boolean DEFAULT false NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('client', 'staff', 'admin')),
	CONSTRAINT "users_client_role_check" CHECK (("users"."role" = 'client') = ("users"."clientId" is not null))
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clients_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"email" text NOT NULL,
	"company" text,
	"phone" text,
	"country" text,
	"city" text,
	"address" text,
	"currency" text DEFAULT 'USD' NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clients_balance_check" CHECK ("clients"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "balance_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "balance_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"clientId" integer NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"balanceAfter" bigint NOT NULL,
	"invoiceId" integer,
	"reference" text,
	"note" text,
	"actorUserId" integer,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "balance_entries_kind_check" CHECK ("balance_entries"."kind" in ('credit', 'payment', 'charge', 'refund', 'adjustment')),
	CONSTRAINT "balance_entries_amount_check" CHECK ("balance_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "departments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"email" text,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "department_members" (
	"departmentId" integer NOT NULL,
	"userId" integer NOT NULL,
	CONSTRAINT "department_members_departmentId_userId_pk" PRIMARY KEY("departmentId","userId")
);
--> statement-breakpoint
CREATE TABLE "handlers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "handlers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"productType" text NOT NULL,
	"module" text NOT NULL,
	"connection" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secrets" text,
	"dataCenter" text,
	"departmentId" integer,
	"priority" integer DEFAULT 100 NOT NULL,
	"maxRunning" integer DEFAULT 50 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"health" text DEFAULT 'unknown' NOT NULL,
	"healthMessage" text,
	"healthCheckedAt" timestamp with time zone,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handlers_product_type_check" CHECK ("handlers"."productType" in ('domain', 'hosting', 'vps', 'dedicated', 'other')),
	CONSTRAINT "handlers_module_check" CHECK ("handlers"."module" in ('manual', 'ispmanager', 'cpanel', 'vmmanager', 'vcloud', 'webnames', 'epp')),
	CONSTRAINT "handlers_health_check" CHECK ("handlers"."health" in ('unknown', 'healthy', 'failing')),
	CONSTRAINT "handlers_max_running_check" CHECK ("handlers"."maxRunning" > 0)
);
--> statement-breakpoint
CREATE TABLE "tariffs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tariffs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"productType" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"template" text,
	"tlds" text[] DEFAULT '{}' NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tariffs_product_type_check" CHECK ("tariffs"."productType" in ('domain', 'hosting', 'vps', 'dedicated', 'other'))
);
--> statement-breakpoint
CREATE TABLE "tariff_prices" (
	"tariffId" integer NOT NULL,
	"months" integer NOT NULL,
	"price" bigint NOT NULL,
	CONSTRAINT "tariff_prices_tariffId_months_pk" PRIMARY KEY("tariffId","months"),
	CONSTRAINT "tariff_prices_months_check" CHECK ("tariff_prices"."months" in (1, 3, 6, 12, 24, 36)),
	CONSTRAINT "tariff_prices_price_check" CHECK ("tariff_prices"."price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tariff_resources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tariff_resources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tariffId" integer NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"amount" integer NOT NULL,
	"addon" boolean DEFAULT false NOT NULL,
	"maxExtra" integer DEFAULT 0 NOT NULL,
	"unitPrice" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "tariff_resources_amount_check" CHECK ("tariff_resources"."amount" >= 0 and "tariff_resources"."maxExtra" >= 0 and "tariff_resources"."unitPrice" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tariff_handlers" (
	"tariffId" integer NOT NULL,
	"handlerId" integer NOT NULL,
	CONSTRAINT "tariff_handlers_tariffId_handlerId_pk" PRIMARY KEY("tariffId","handlerId")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"clientId" integer NOT NULL,
	"status" text DEFAULT 'unpaid' NOT NULL,
	"total" bigint NOT NULL,
	"currency" text NOT NULL,
	"idempotencyKey" text,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"paidAt" timestamp with time zone,
	CONSTRAINT "orders_status_check" CHECK ("orders"."status" in ('unpaid', 'paid', 'cancelled')),
	CONSTRAINT "orders_total_check" CHECK ("orders"."total" >= 0)
);
--> statement-breakpoint
CREATE TABLE "order_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"orderId" integer NOT NULL,
	"tariffId" integer NOT NULL,
	"months" integer NOT NULL,
	"addons" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"price" bigint NOT NULL,
	CONSTRAINT "order_items_months_check" CHECK ("order_items"."months" in (1, 3, 6, 12, 24, 36)),
	CONSTRAINT "order_items_price_check" CHECK ("order_items"."price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invoices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"clientId" integer NOT NULL,
	"kind" text NOT NULL,
	"orderId" integer,
	"serviceId" integer,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'unpaid' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"paidAt" timestamp with time zone,
	CONSTRAINT "invoices_status_check" CHECK ("invoices"."status" in ('unpaid', 'paid', 'cancelled')),
	CONSTRAINT "invoices_kind_check" CHECK ("invoices"."kind" in ('order', 'renewal')),
	CONSTRAINT "invoices_amount_check" CHECK ("invoices"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"clientId" integer NOT NULL,
	"method" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"reference" text NOT NULL,
	"raw" jsonb,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_method_check" CHECK ("payments"."method" in ('gateway', 'admin')),
	CONSTRAINT "payments_amount_check" CHECK ("payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "services_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"clientId" integer NOT NULL,
	"tariffId" integer NOT NULL,
	"orderItemId" integer,
	"handlerId" integer,
	"productType" text NOT NULL,
	"status" text DEFAULT 'ordered' NOT NULL,
	"pending" text,
	"remoteName" text NOT NULL,
	"remoteId" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secrets" text,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"resources" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"months" integer NOT NULL,
	"autoRenew" boolean DEFAULT true NOT NULL,
	"expiresAt" timestamp with time zone,
	"lastSyncedAt" timestamp with time zone,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_status_check" CHECK ("services"."status" in ('ordered', 'processing', 'active', 'suspended', 'closed')),
	CONSTRAINT "services_product_type_check" CHECK ("services"."productType" in ('domain', 'hosting', 'vps', 'dedicated', 'other')),
	CONSTRAINT "services_pending_check" CHECK ("services"."pending" in ('open', 'suspend', 'resume', 'close', 'prolong', 'change_tariff', 'sync'))
);
--> statement-breakpoint
CREATE TABLE "service_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"serviceId" integer NOT NULL,
	"fromStatus" text,
	"toStatus" text NOT NULL,
	"message" text NOT NULL,
	"actorUserId" integer,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_history_from_check" CHECK ("service_history"."fromStatus" in ('ordered', 'processing', 'active', 'suspended', 'closed')),
	CONSTRAINT "service_history_to_check" CHECK ("service_history"."toStatus" in ('ordered', 'processing', 'active', 'suspended', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "operations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "operations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"serviceId" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"handlerId" integer,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claims" integer DEFAULT 0 NOT NULL,
	"runAt" timestamp with time zone DEFAULT now() NOT NULL,
	"leaseToken" text,
	"leaseUntil" timestamp with time zone,
	"remoteTask" jsonb,
	"lastError" text,
	"doneBy" text,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT now() NOT NULL,
	"finishedAt" timestamp with time zone,
	CONSTRAINT "operations_kind_check" CHECK ("operations"."kind" in ('open', 'suspend', 'resume', 'close', 'prolong', 'change_tariff', 'sync')),
	CONSTRAINT "operations_status_check" CHECK ("operations"."status" in ('queued', 'running', 'waiting', 'done', 'manual', 'cancelled')),
	CONSTRAINT "operations_done_by_check" CHECK ("operations"."doneBy" in ('module', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "operation_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "operation_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"operationId" integer NOT NULL,
	"number" integer NOT NULL,
	"handlerId" integer,
	"outcome" text NOT NULL,
	"retryable" boolean,
	"errorCode" text,
	"errorMessage" text,
	"log" text DEFAULT '' NOT NULL,
	"startedAt" timestamp with time zone NOT NULL,
	"finishedAt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operation_attempts_outcome_check" CHECK ("operation_attempts"."outcome" in ('done', 'pending', 'error'))
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"operationId" integer NOT NULL,
	"serviceId" integer NOT NULL,
	"departmentId" integer,
	"status" text DEFAULT 'new' NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"assigneeId" integer,
	"closedById" integer,
	"result" jsonb,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"takenAt" timestamp with time zone,
	"closedAt" timestamp with time zone,
	CONSTRAINT "tasks_status_check" CHECK ("tasks"."status" in ('new', 'in_progress', 'done', 'cancelled')),
	CONSTRAINT "tasks_reason_check" CHECK ("tasks"."reason" in ('manual_handler', 'escalated', 'no_handler', 'switched'))
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "email_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"dedupeKey" text NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"template" text NOT NULL,
	"props" text NOT NULL,
	"clientId" integer,
	"serviceId" integer,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"runAt" timestamp with time zone DEFAULT now() NOT NULL,
	"leaseUntil" timestamp with time zone,
	"lastError" text,
	"transport" text,
	"providerId" text,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"sentAt" timestamp with time zone,
	CONSTRAINT "email_outbox_status_check" CHECK ("email_outbox"."status" in ('queued', 'sending', 'sent', 'failed')),
	CONSTRAINT "email_outbox_transport_check" CHECK ("email_outbox"."transport" in ('resend', 'local'))
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_endpoints_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"events" text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_outbox" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"endpointId" integer NOT NULL,
	"event" text NOT NULL,
	"dedupeKey" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"runAt" timestamp with time zone DEFAULT now() NOT NULL,
	"leaseUntil" timestamp with time zone,
	"lastError" text,
	"responseStatus" integer,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"deliveredAt" timestamp with time zone,
	CONSTRAINT "webhook_outbox_status_check" CHECK ("webhook_outbox"."status" in ('queued', 'sending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"actorUserId" integer,
	"actorApiKeyId" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entityId" text,
	"before" jsonb,
	"after" jsonb,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"clientId" integer,
	"createdById" integer,
	"createdAt" timestamp with time zone DEFAULT now() NOT NULL,
	"lastUsedAt" timestamp with time zone,
	"revokedAt" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_clientId_clients_id_fk" FOREIGN KEY ("clientId") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_entries" ADD CONSTRAINT "balance_entries_clientId_clients_id_fk" FOREIGN KEY ("clientId") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_entries" ADD CONSTRAINT "balance_entries_invoiceId_invoices_id_fk" FOREIGN KEY ("invoiceId") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_entries" ADD CONSTRAINT "balance_entries_actorUserId_users_id_fk" FOREIGN KEY ("actorUserId") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_members" ADD CONSTRAINT "department_members_departmentId_departments_id_fk" FOREIGN KEY ("departmentId") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_members" ADD CONSTRAINT "department_members_userId_users_id_fk" FOREIGN KEY ("userId") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handlers" ADD CONSTRAINT "handlers_departmentId_departments_id_fk" FOREIGN KEY ("departmentId") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_prices" ADD CONSTRAINT "tariff_prices_tariffId_tariffs_id_fk" FOREIGN KEY ("tariffId") REFERENCES "public"."tariffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_resources" ADD CONSTRAINT "tariff_resources_tariffId_tariffs_id_fk" FOREIGN KEY ("tariffId") REFERENCES "public"."tariffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_handlers" ADD CONSTRAINT "tariff_handlers_tariffId_tariffs_id_fk" FOREIGN KEY ("tariffId") REFERENCES "public"."tariffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_handlers" ADD CONSTRAINT "tariff_handlers_handlerId_handlers_id_fk" FOREIGN KEY ("handlerId") REFERENCES "public"."handlers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_clientId_clients_id_fk" FOREIGN KEY ("clientId") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_orderId_orders_id_fk" FOREIGN KEY ("orderId") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_tariffId_tariffs_id_fk" FOREIGN KEY ("tariffId") REFERENCES "public"."tariffs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_clientId_clients_id_fk" FOREIGN KEY ("clientId") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_orderId_orders_id_fk" FOREIGN KEY ("orderId") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_serviceId_services_id_fk" FOREIGN KEY ("serviceId") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_clientId_clients_id_fk" FOREIGN KEY ("clientId") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_clientId_clients_id_fk" FOREIGN KEY ("clientId") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_tariffId_tariffs_id_fk" FOREIGN KEY ("tariffId") REFERENCES "public"."tariffs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_orderItemId_order_items_id_fk" FOREIGN KEY ("orderItemId") REFERENCES "public"."order_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_handlerId_handlers_id_fk" FOREIGN KEY ("handlerId") REFERENCES "public"."handlers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_history" ADD CONSTRAINT "service_history_serviceId_services_id_fk" FOREIGN KEY ("serviceId") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_history" ADD CONSTRAINT "service_history_actorUserId_users_id_fk" FOREIGN KEY ("actorUserId") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_serviceId_services_id_fk" FOREIGN KEY ("serviceId") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_handlerId_handlers_id_fk" FOREIGN KEY ("handlerId") REFERENCES "public"."handlers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operation_attempts" ADD CONSTRAINT "operation_attempts_operationId_operations_id_fk" FOREIGN KEY ("operationId") REFERENCES "public"."operations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operation_attempts" ADD CONSTRAINT "operation_attempts_handlerId_handlers_id_fk" FOREIGN KEY ("handlerId") REFERENCES "public"."handlers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_operationId_operations_id_fk" FOREIGN KEY ("operationId") REFERENCES "public"."operations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_serviceId_services_id_fk" FOREIGN KEY ("serviceId") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_departmentId_departments_id_fk" FOREIGN KEY ("departmentId") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assigneeId_users_id_fk" FOREIGN KEY ("assigneeId") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_closedById_users_id_fk" FOREIGN KEY ("closedById") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_clientId_clients_id_fk" FOREIGN KEY ("clientId") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_serviceId_services_id_fk" FOREIGN KEY ("serviceId") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_outbox" ADD CONSTRAINT "webhook_outbox_endpointId_webhook_endpoints_id_fk" FOREIGN KEY ("endpointId") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actorUserId_users_id_fk" FOREIGN KEY ("actorUserId") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actorApiKeyId_api_keys_id_fk" FOREIGN KEY ("actorApiKeyId") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_clientId_clients_id_fk" FOREIGN KEY ("clientId") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_createdById_users_id_fk" FOREIGN KEY ("createdById") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "balance_entries_reference_key" ON "balance_entries" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "balance_entries_client_idx" ON "balance_entries" USING btree ("clientId","id");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_name_key" ON "departments" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "handlers_name_key" ON "handlers" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "tariffs_name_key" ON "tariffs" USING btree ("productType","name");--> statement-breakpoint
CREATE UNIQUE INDEX "tariff_resources_key" ON "tariff_resources" USING btree ("tariffId","key");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_idempotency_key" ON "orders" USING btree ("clientId","idempotencyKey");--> statement-breakpoint
CREATE INDEX "orders_client_idx" ON "orders" USING btree ("clientId","id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_order_key" ON "invoices" USING btree ("orderId");--> statement-breakpoint
CREATE INDEX "invoices_client_idx" ON "invoices" USING btree ("clientId","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_reference_key" ON "payments" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "services_client_idx" ON "services" USING btree ("clientId","id");--> statement-breakpoint
CREATE INDEX "services_handler_idx" ON "services" USING btree ("handlerId");--> statement-breakpoint
CREATE INDEX "services_expires_idx" ON "services" USING btree ("status","expiresAt");--> statement-breakpoint
CREATE INDEX "service_history_service_idx" ON "service_history" USING btree ("serviceId","id");--> statement-breakpoint
CREATE INDEX "operations_due_idx" ON "operations" USING btree ("runAt","id") WHERE "operations"."status" in ('queued', 'waiting');--> statement-breakpoint
CREATE INDEX "operations_lease_idx" ON "operations" USING btree ("leaseUntil") WHERE "operations"."status" = 'running';--> statement-breakpoint
CREATE INDEX "operations_handler_running_idx" ON "operations" USING btree ("handlerId") WHERE "operations"."status" = 'running';--> statement-breakpoint
CREATE INDEX "operations_service_idx" ON "operations" USING btree ("serviceId","id");--> statement-breakpoint
CREATE INDEX "operations_status_idx" ON "operations" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "operations_one_active_key" ON "operations" USING btree ("serviceId","kind") WHERE "operations"."status" in ('queued', 'running', 'waiting', 'manual');--> statement-breakpoint
CREATE INDEX "operation_attempts_operation_idx" ON "operation_attempts" USING btree ("operationId","id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_operation_key" ON "tasks" USING btree ("operationId");--> statement-breakpoint
CREATE INDEX "tasks_board_idx" ON "tasks" USING btree ("departmentId","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "email_outbox_dedupe_key" ON "email_outbox" USING btree ("dedupeKey");--> statement-breakpoint
CREATE INDEX "email_outbox_due_idx" ON "email_outbox" USING btree ("status","runAt");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_outbox_dedupe_key" ON "webhook_outbox" USING btree ("endpointId","dedupeKey");--> statement-breakpoint
CREATE INDEX "webhook_outbox_due_idx" ON "webhook_outbox" USING btree ("status","runAt");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entityId");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("createdAt");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "api_keys_prefix_idx" ON "api_keys" USING btree ("prefix");