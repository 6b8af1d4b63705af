import type { z } from "zod";
import type { ModuleKind, OrderParams, ProductType } from "../vocabulary";

/** A field of a form generated from a module: a handler's connection, or a service's details. */
export type FieldSpec = {
  key: string;
  label: string;
  /** Secret values are encrypted at rest, write-only in forms and redacted from logs. */
  secret?: boolean;
  /**
   * Where or how the secrets are sent (host, port, CA certificate, a switch off the certificate
   * check). Changing it needs the secrets typed again. Fields of kind "url" always count.
   */
  transport?: boolean;
  required?: boolean;
  kind?: "text" | "password" | "url" | "ip" | "date" | "number" | "email";
  placeholder?: string;
};

/** An error from a module. Anything that is not a ModuleError counts as retryable. */
export class ModuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "ModuleError";
  }
}

/** The attempt log: request and response lines, with every registered secret replaced by ***. */
export interface AttemptLog {
  line(text: string): void;
  /** Registers a value that must never appear in the log. */
  secret(value: string | undefined | null): void;
  text(): string;
}

export type ServiceInfo = {
  id: number;
  productType: ProductType;
  /** Deterministic name of the object on the panel: a retry finds what an earlier try created. */
  remoteName: string;
  remoteId: string | null;
  template: string | null;
  resources: Record<string, number>;
  params: OrderParams;
  months: number;
  details: Record<string, string>;
  /** Decrypted secrets of the service, e.g. the password chosen when the service was created. */
  secrets: Record<string, string>;
  expiresAt: Date | null;
  /** When the service was ordered: a registration older than the service is not its own. */
  createdAt?: Date;
  client: { id: number; name: string; email: string; phone?: string | null; country?: string | null; city?: string | null; address?: string | null };
};

/** domain: the order names a domain; contacts: the client's registrant data is complete; os: an OS is chosen. */
export type OrderNeed = "domain" | "contacts" | "os";

export type OperationContext<C> = {
  connection: C;
  service: ServiceInfo;
  log: AttemptLog;
  /** Extra input of the operation (e.g. { template } for change_tariff, { months } for prolong). */
  params: Record<string, unknown>;
};

/** The panel did it. Details and secrets are merged into the service's. */
export type Done = {
  status: "done";
  remoteId?: string;
  details?: Record<string, string>;
  secrets?: Record<string, string>;
  expiresAt?: Date;
  /** True when an object made by an earlier try was found and taken over. */
  adopted?: boolean;
  /** An operation the engine queues once this one is done (e.g. name servers a registration had to leave out). */
  followUp?: { kind: "manage"; params: Record<string, unknown> };
};

/** The panel started a remote task; it is stored, then polled until done or failed. */
export type Pending = {
  status: "pending";
  remoteTask: Record<string, unknown>;
  remoteId?: string;
  pollAfterMs?: number;
};

export type SyncResult = {
  /** What the panel says the object is now; "broken" is an object in a failed or unusable state. */
  state: "active" | "suspended" | "missing" | "broken";
  /** Why the object is missing or broken, in the panel's words, for the person who gets the task. */
  reason?: string;
  details?: Record<string, string>;
  expiresAt?: Date;
  usage?: Record<string, number>;
};

export type Outcome = Done | Pending;

/**
 * What a registry says of one name before it is sold: free at the standard price, taken, reserved or
 * blocked (with the registry's reason), premium (not at the standard price), or no clear answer.
 */
export type Availability = { name: string; status: "available" | "taken" | "reserved" | "premium" | "unknown"; reason?: string };

export interface ProcessingModule<C = Record<string, unknown>> {
  kind: ModuleKind;
  title: string;
  productTypes: readonly ProductType[];
  /** Sends the tariff's template name; otherwise resource amounts. */
  usesTemplates: boolean;
  /** Every operation becomes a task for staff at once. */
  alwaysManual?: boolean;
  /** What an order for this module must carry, so the store asks for it before payment. */
  orderNeeds?: readonly OrderNeed[];
  /** Validates a handler's connection (secret and plain fields together). */
  connection: z.ZodType<C>;
  connectionFields: FieldSpec[];
  /** What a done service carries, and what staff fill in when they close a task by hand. */
  serviceFields: FieldSpec[];
  checkConnection(conn: C, log: AttemptLog): Promise<void>;
  listTemplates?(conn: C, log: AttemptLog): Promise<string[]>;
  open(ctx: OperationContext<C>): Promise<Outcome>;
  suspend(ctx: OperationContext<C>): Promise<Outcome>;
  resume(ctx: OperationContext<C>): Promise<Outcome>;
  close(ctx: OperationContext<C>): Promise<Outcome>;
  prolong?(ctx: OperationContext<C>): Promise<Outcome>;
  changeTariff?(ctx: OperationContext<C>): Promise<Outcome>;
  /** Registrars: changes after purchase (params.action), those listed in `manages`. */
  manage?(ctx: OperationContext<C>): Promise<Outcome>;
  /** The `manage` actions this module carries out: name servers, registrar lock, auth code, registrant contact. */
  manages?: readonly ("nameservers" | "lock" | "authcode" | "contact")[];
  /** Registrars: whether a transfer in can be ordered (an order with params.transfer and the auth code). */
  transfersIn?: boolean;
  poll?(ctx: OperationContext<C>, remoteTask: Record<string, unknown>): Promise<Outcome>;
  sync(ctx: OperationContext<C>): Promise<SyncResult>;
  /** Registrars: whether these names (punycode) can be registered, one answer per name, in order. */
  checkAvailability?(conn: C, names: string[], log: AttemptLog): Promise<Availability[]>;
}

export const done = (d: Omit<Done, "status"> = {}): Done => ({ status: "done", ...d });
export const pending = (p: Omit<Pending, "status">): Pending => ({ status: "pending", ...p });
