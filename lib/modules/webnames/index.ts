import { domainToASCII } from "node:url";
import { timeoutField, domainServiceFields } from "../fields";
import { z } from "zod";
import { done, ModuleError, pending, type Done, type OperationContext, type Outcome, type ProcessingModule } from "../contract";
import {
  approvalStatus,
  contactFields,
  DEFAULT_URL,
  isAvailable,
  nameserverFields,
  srs,
  type ApprovalStatus,
  type WebnamesConnection,
} from "./client";

const connection = z.object({
  url: z.url({ protocol: /^https?$/ }).default(DEFAULT_URL),
  username: z.string().trim().min(1),
  password: z.string().min(1),
  nameservers: z.string().trim().optional(),
  timeoutMs: z.coerce.number().int().positive().optional(),
});

type Ctx = OperationContext<WebnamesConnection>;

/** Clients report bans for polling the approval status too often, so a pending registration is polled rarely. */
const POLL_AFTER_MS = 15 * 60_000;
const DEFAULT_NAMESERVERS = ["ns1.webnames.ru", "ns2.webnames.ru"];

export const yearsFor = (months: number) => Math.max(1, Math.ceil(months / 12));
const ymd = (date: Date) => date.toISOString().slice(0, 10);
const addYears = (date: Date, years: number) => {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
};

export function asciiDomain(name: string): string {
  const ascii = domainToASCII(name.trim().toLowerCase());
  if (!ascii || !ascii.includes(".")) throw new ModuleError("invalid_domain", `'${name}' is not a domain name`, false);
  return ascii;
}

function nameserversFor(ctx: Ctx): string[] {
  const fromOrder = ctx.service.params.nameservers?.filter(Boolean);
  if (fromOrder?.length) return fromOrder;
  const fromHandler = ctx.connection.nameservers?.split(/[\s,]+/).filter(Boolean);
  return fromHandler?.length ? fromHandler : DEFAULT_NAMESERVERS;
}

function doneFor(ctx: Ctx, domain: string, adopted: boolean): Done {
  // (unconf.) the status answer carries no expiry: the registration date plus the period is assumed.
  const expiresAt = addYears(new Date(), yearsFor(ctx.service.months));
  const details = { domain, expires_at: ymd(expiresAt), nameservers: nameserversFor(ctx).join(", ") };
  return done({ remoteId: domain, details, expiresAt, ...(adopted ? { adopted } : {}) });
}

function fromStatus(ctx: Ctx, domain: string, status: ApprovalStatus, adopted: boolean): Outcome {
  if (status === "approved") return doneFor(ctx, domain, adopted);
  if (status === "pending") return pending({ remoteTask: { domain, adopted }, remoteId: domain, pollAfterMs: POLL_AFTER_MS });
  if (status === "errsent") throw new ModuleError("registration_rejected", `Webnames rejected the registration of ${domain} (errsent)`, false);
  throw new ModuleError("registration_missing", `Webnames does not list ${domain} in this account`, true);
}

async function open(ctx: Ctx): Promise<Outcome> {
  const { connection: conn, log } = ctx;
  const domain = asciiDomain(ctx.service.remoteName);
  const status = await approvalStatus(conn, log, domain);
  if (status !== "none") {
    log.line(`${domain} is already in this account (${status}): adopted`);
    return fromStatus(ctx, domain, status, true);
  }
  const foreign = () => new ModuleError("exists_foreign", `${domain} is registered, not through this account`, false);
  if (!(await isAvailable(conn, log, domain))) throw foreign();
  try {
    await srs(conn, log, "pispRegistration", {
      domain_name: domain,
      period: yearsFor(ctx.service.months),
      ...nameserverFields(nameserversFor(ctx)),
      ...contactFields(ctx.service.client),
    });
  } catch (error) {
    if (!(error instanceof ModuleError) || error.code !== "exists") throw error;
    const again = await approvalStatus(conn, log, domain);
    if (again === "none") throw foreign();
    return fromStatus(ctx, domain, again, true);
  }
  return fromStatus(ctx, domain, await approvalStatus(conn, log, domain), false);
}

const registryNeedsPerson = (what: string) => async (): Promise<never> => {
  throw new ModuleError("registry_manual", `Webnames cannot ${what} a domain over the API: the registry needs a person`, false);
};

/** A renew that may have reached the registrar must not be repeated: Webnames' renew has no guard against repeats. */
function unconfirmed(error: unknown): boolean {
  if (!(error instanceof ModuleError)) return true;
  if (error.code === "network") return !error.message.includes("ECONNREFUSED");
  return error.code === "timeout" || error.code === "bad_response" || error.code.startsWith("http_");
}

export const webnames: ProcessingModule<WebnamesConnection> = {
  kind: "webnames",
  title: "Webnames",
  productTypes: ["domain"],
  usesTemplates: false,
  orderNeeds: ["domain", "contacts"],
  connection,
  connectionFields: [
    { key: "url", label: "API URL", kind: "url", placeholder: DEFAULT_URL },
    { key: "username", label: "Login", required: true },
    { key: "password", label: "Password", kind: "password", secret: true, required: true },
    { key: "nameservers", label: "Default name servers", placeholder: DEFAULT_NAMESERVERS.join(", ") },
    timeoutField,
  ],
  serviceFields: domainServiceFields,

  async checkConnection(conn, log) {
    await srs(conn, log, "pispBalance");
  },

  open,

  async poll(ctx, remoteTask) {
    const domain = asciiDomain(String(remoteTask.domain ?? ctx.service.remoteName));
    const status = await approvalStatus(ctx.connection, ctx.log, domain);
    if (status === "none") throw new ModuleError("registration_missing", `Webnames no longer lists ${domain} in this account`, false);
    return fromStatus(ctx, domain, status, remoteTask.adopted === true);
  },

  suspend: registryNeedsPerson("suspend"),
  resume: registryNeedsPerson("resume"),

  // A registrar does not delete a paid domain: closing means it is not renewed and lapses at expiry.
  close: async (ctx) => done({ details: { note: `Not renewed: ${ctx.service.remoteName} stays registered until it expires` } }),

  async prolong(ctx) {
    const domain = asciiDomain(ctx.service.remoteName);
    const years = yearsFor(Number(ctx.params.months ?? ctx.service.months));
    let text: string;
    try {
      text = await srs(ctx.connection, ctx.log, "pispRenewDomain", { domain_name: domain, period: years });
    } catch (error) {
      if (!unconfirmed(error)) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw new ModuleError("renew_unconfirmed", `The renewal of ${domain} may have gone through (${why}): check it at Webnames before renewing again`, false);
    }
    // (unconf.) the renew answer names the new expiry as YYYY-MM-DD; otherwise it is counted from the stored one.
    const stated = /(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
    const base = ctx.service.expiresAt && ctx.service.expiresAt > new Date() ? ctx.service.expiresAt : new Date();
    const expiresAt = stated ? new Date(`${stated}T00:00:00Z`) : addYears(base, years);
    return done({ expiresAt, details: { expires_at: ymd(expiresAt) } });
  },

  async sync(ctx) {
    const domain = asciiDomain(ctx.service.remoteId ?? ctx.service.remoteName);
    const status = await approvalStatus(ctx.connection, ctx.log, domain);
    if (status === "errsent") return { state: "broken", reason: `Webnames rejected the registration of ${domain} (errsent)` };
    if (status === "none") return { state: "missing", reason: `Webnames does not list ${domain} in this account` };
    return { state: "active" };
  },
};
