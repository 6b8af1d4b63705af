import { domainToASCII } from "node:url";
import { timeoutField, domainServiceFields } from "../fields";
import { z } from "zod";
import { done, ModuleError, pending, type Done, type OperationContext, type Outcome, type ProcessingModule } from "../contract";
import {
  accountDomain,
  approvalStatus,
  contactFields,
  DEFAULT_URL,
  isAvailable,
  nameserverFields,
  srs,
  type ApprovalStatus,
  type WebnamesConnection,
} from "./client";
import { checkMaximum, manage, transferNotOffered } from "./manage";

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

async function doneFor(ctx: Ctx, domain: string, adopted: boolean): Promise<Done> {
  // The account's list names the registry's expiry (joonte/jbs); without it, today plus the period.
  const listed = await accountDomain(ctx.connection, ctx.log, domain).catch(() => null);
  const expiresAt = listed?.expiresAt ? new Date(`${listed.expiresAt}T00:00:00Z`) : addYears(new Date(), yearsFor(ctx.service.months));
  const details = { domain, expires_at: ymd(expiresAt), nameservers: nameserversFor(ctx).join(", ") };
  return done({ remoteId: domain, details, expiresAt, ...(adopted ? { adopted } : {}) });
}

async function fromStatus(ctx: Ctx, domain: string, status: ApprovalStatus, adopted: boolean): Promise<Outcome> {
  if (status === "approved") return doneFor(ctx, domain, adopted);
  if (status === "pending") return pending({ remoteTask: { domain, adopted }, remoteId: domain, pollAfterMs: POLL_AFTER_MS });
  if (status === "errsent") throw new ModuleError("registration_rejected", `Webnames rejected the registration of ${domain} (errsent)`, false);
  throw new ModuleError("registration_missing", `Webnames does not list ${domain} in this account`, true);
}

/**
 * Why a domain of this reseller account is not this service's, or null when it is. One account holds
 * every client's domains, and §5 gives no contact read-back: the account's list dates each
 * registration, and one created before this service was ordered (a day's leeway for the registrar's
 * clock) is an earlier registration, another client's or a closed service's.
 */
async function notOurs(ctx: Ctx, domain: string): Promise<string | null> {
  const ordered = ctx.service.createdAt;
  if (!ordered) return "this service's order date is unknown";
  const listed = await accountDomain(ctx.connection, ctx.log, domain);
  if (!listed?.createdAt) return "the account's domain list gives no creation date for it";
  const earliest = ymd(new Date(ordered.getTime() - 24 * 3_600_000));
  if (listed.createdAt < earliest) return `it was registered on ${listed.createdAt}, before this service was ordered (${ymd(ordered)})`;
  return null;
}

async function adopt(ctx: Ctx, domain: string, status: ApprovalStatus): Promise<Outcome> {
  const why = await notOurs(ctx, domain);
  if (why) throw new ModuleError("exists_foreign", `${domain} is in this Webnames account, but not registered for this service: ${why}`, false);
  ctx.log.line(`${domain} is already in this account (${status}), registered since this service was ordered: adopted`);
  return fromStatus(ctx, domain, status, true);
}

async function open(ctx: Ctx): Promise<Outcome> {
  const { connection: conn, log } = ctx;
  const domain = asciiDomain(ctx.service.remoteName);
  if (ctx.service.params.transfer || ctx.service.secrets.transferCode) transferNotOffered(domain);
  const status = await approvalStatus(conn, log, domain);
  if (status !== "none") return adopt(ctx, domain, status);
  const foreign = () => new ModuleError("exists_foreign", `${domain} is registered, not through this account`, false);
  const free = await isAvailable(conn, log, domain);
  if (free === false) throw foreign();
  // The registrar refuses a taken name on pispRegistration itself: an unclear check is no reason to stop.
  if (free === undefined) log.line(`pispCheckDomain does not say whether ${domain} is free: the registration will tell`);
  try {
    await srs(conn, log, "pispRegistration", {
      domain_name: domain,
      period: yearsFor(ctx.service.months),
      ...nameserverFields(nameserversFor(ctx)),
      ...contactFields(ctx.service.client, domain),
    });
  } catch (error) {
    if (!(error instanceof ModuleError) || error.code !== "exists") throw error;
    const again = await approvalStatus(conn, log, domain);
    if (again === "none") throw foreign();
    return adopt(ctx, domain, again);
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

  // pispCheckDomain takes one domain_name: one call per name, in turn (clients report bans for calling too often).
  async checkAvailability(conn, names, log) {
    const out = [];
    for (const name of names) {
      const free = await isAvailable(conn, log, name);
      out.push({ name, status: free === undefined ? ("unknown" as const) : free ? ("available" as const) : ("taken" as const) });
    }
    return out;
  },

  open,

  async poll(ctx, remoteTask) {
    const domain = asciiDomain(String(remoteTask.domain ?? ctx.service.remoteName));
    const status = await approvalStatus(ctx.connection, ctx.log, domain);
    if (status === "none") throw new ModuleError("registration_missing", `Webnames no longer lists ${domain} in this account`, false);
    return fromStatus(ctx, domain, status, remoteTask.adopted === true);
  },

  manage: (ctx) => manage(ctx, asciiDomain(ctx.service.remoteName)),
  manages: ["nameservers"],
  transfersIn: false,

  suspend: registryNeedsPerson("suspend"),
  resume: registryNeedsPerson("resume"),

  // A registrar does not delete a paid domain: closing means it is not renewed and lapses at expiry.
  close: async (ctx) => done({ details: { note: `Not renewed: ${ctx.service.remoteName} stays registered until it expires` } }),

  async prolong(ctx) {
    const domain = asciiDomain(ctx.service.remoteName);
    const years = yearsFor(Number(ctx.params.months ?? ctx.service.months));
    checkMaximum(domain, ctx.service.expiresAt, years);
    let text: string;
    try {
      text = await srs(ctx.connection, ctx.log, "pispRenewDomain", { domain_name: domain, period: years });
    } catch (error) {
      if (!unconfirmed(error)) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw new ModuleError("renew_unconfirmed", `The renewal of ${domain} may have gone through (${why}): check it at Webnames before renewing again`, false);
    }
    // (unconf.) whether the renew answer names the new expiry; the account's list does (joonte/jbs), and
    // a date later than the stored one is taken; otherwise it is counted from the stored one.
    const before = ctx.service.expiresAt ? ymd(ctx.service.expiresAt) : "";
    const listed = (text: string) => /(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
    const fromList = async () => {
      const row = await accountDomain(ctx.connection, ctx.log, domain).catch(() => null);
      return row?.expiresAt && row.expiresAt > before ? row.expiresAt : undefined;
    };
    const stated = listed(text) ?? (await fromList());
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
