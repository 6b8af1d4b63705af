/**
 * The product's words: every set of values a column may hold, with its type. The schema builds its
 * CHECK constraints from these lists; pages, components, modules and verbs import them from here.
 * No database code here, so anything may import it.
 */

export const roles = ["client", "staff", "admin"] as const;
export type Role = (typeof roles)[number];

export const productTypes = ["domain", "hosting", "vps", "dedicated", "other"] as const;
export type ProductType = (typeof productTypes)[number];

export const moduleKinds = ["manual", "ispmanager", "cpanel", "vmmanager", "vcloud", "webnames", "epp"] as const;
export type ModuleKind = (typeof moduleKinds)[number];

export const handlerHealth = ["unknown", "healthy", "failing"] as const;
export type HandlerHealth = (typeof handlerHealth)[number];

/** Months a tariff can be sold and renewed for. */
export const periods = [1, 3, 6, 12, 24, 36] as const;
export type Period = (typeof periods)[number];

/** What a client enters when ordering (domain name, host name, OS, name servers; transfer: bring a registered domain with its auth code). */
export type OrderParams = { domain?: string; hostname?: string; os?: string; nameservers?: string[]; transfer?: boolean };

export const serviceStatuses = ["ordered", "processing", "active", "suspended", "closed"] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

/** Why a service is suspended. A service may hold several reasons; it is resumed once none is left. */
export const suspensionReasons = ["non_payment", "abuse", "client_request", "admin"] as const;
export type SuspensionReason = (typeof suspensionReasons)[number];
/** service: placed on the service itself; client: placed by suspending the whole client, lifted with it. */
export const suspensionScopes = ["service", "client"] as const;
export type SuspensionScope = (typeof suspensionScopes)[number];

/** manage: a change to a registered domain after purchase (name servers, registrar lock, auth code, registrant contact). */
export const operationKinds = ["open", "suspend", "resume", "close", "prolong", "change_tariff", "sync", "manage"] as const;
export type OperationKind = (typeof operationKinds)[number];

/** queued: due at run_at; running: claimed under a lease; waiting: remote task to poll at run_at. */
export const operationStatuses = ["queued", "running", "waiting", "done", "manual", "cancelled"] as const;
export type OperationStatus = (typeof operationStatuses)[number];
export const activeOperationStatuses = ["queued", "running", "waiting"] as const;
/** Not finished: active, or waiting for staff. */
export const openOperationStatuses = [...activeOperationStatuses, "manual"] as const;

/** Who finished an operation: its module, or staff closing its task. */
export const operationFinishers = ["module", "staff"] as const;

export const attemptOutcomes = ["done", "pending", "error"] as const;
export type AttemptOutcome = (typeof attemptOutcomes)[number];

export const taskStatuses = ["new", "in_progress", "done", "cancelled"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** Why a task exists: a Manual handler, an operation that escalated, no handler to pick, or switched by an admin. */
export const taskReasons = ["manual_handler", "escalated", "no_handler", "switched"] as const;
export type TaskReason = (typeof taskReasons)[number];

export const orderStatuses = ["unpaid", "paid", "cancelled"] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const invoiceStatuses = ["unpaid", "paid", "cancelled"] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
export const invoiceKinds = ["order", "renewal"] as const;
export type InvoiceKind = (typeof invoiceKinds)[number];
/** Why a credit note was issued: money given back, an unpaid invoice voided, a plan change's credit for unused time. */
export const creditNoteKinds = ["refund", "void", "plan_change"] as const;
export type CreditNoteKind = (typeof creditNoteKinds)[number];
/** How a line is taxed: at a rate, reverse-charged to the buyer, exempt by the buyer's status, or outside the scope of tax. */
export const taxCategories = ["standard", "reverse_charge", "exempt", "none"] as const;
export type TaxCategory = (typeof taxCategories)[number];

export const balanceEntryKinds = ["credit", "payment", "charge", "refund", "adjustment"] as const;
export type BalanceEntryKind = (typeof balanceEntryKinds)[number];

export const paymentMethods = ["gateway", "stripe", "admin"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const paymentGateways = ["stripe", "demo"] as const;
export type PaymentGateway = (typeof paymentGateways)[number];
export const paymentSessionStatuses = ["open", "paid", "failed", "expired"] as const;
export type PaymentSessionStatus = (typeof paymentSessionStatuses)[number];

/** Emails and webhook deliveries waiting in their outbox. */
export const outboxStatuses = ["queued", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
export const emailTransports = ["resend", "local"] as const;
export type EmailTransportName = (typeof emailTransports)[number];

export const webhookEvents = [
  "service.active",
  "service.suspended",
  "service.closed",
  "operation.failed",
  "operation.manual",
  "task.closed",
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export const apiScopes = ["read", "orders:write", "services:write", "admin"] as const;
export type ApiScope = (typeof apiScopes)[number];

export const runnerKinds = ["web", "worker", "trigger"] as const;
export type RunnerKind = (typeof runnerKinds)[number];

export const userTokenPurposes = ["verify_email", "reset_password", "unlock_sign_in", "confirm_contact_email"] as const;
export type UserTokenPurpose = (typeof userTokenPurposes)[number];

/** Operating systems a virtual server can be ordered with (none: the handler's default OS). */
export const osChoices = ["Ubuntu 22.04", "Debian 12"] as const;
