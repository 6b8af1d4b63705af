import { domainToASCII } from "node:url";
import { timeoutField } from "../fields";
import { z } from "zod";
import { done, ModuleError, type Done, type OperationContext, type ProcessingModule, type ServiceInfo } from "../contract";
import { findAccount, listPackages, userPanelUrl, whm, type CpanelConnection, type WhmAccount } from "./client";

const connection = z.object({
  url: z.url({ protocol: /^https?$/ }),
  username: z.string().trim().min(1).default("root"),
  apiToken: z.string().min(1),
  timeoutMs: z.coerce.number().int().positive().optional(),
});

type Ctx = OperationContext<CpanelConnection>;

/** The account's main domain: the one the order names; hosting orders carry it (orderNeeds). */
export function domainFor(service: Pick<ServiceInfo, "params">): string {
  const named = service.params.domain?.trim().toLowerCase();
  if (!named) throw new ModuleError("domain_missing", "The order carries no domain: a cPanel account needs its main domain", false);
  const ascii = domainToASCII(named);
  if (!ascii || !ascii.includes(".")) throw new ModuleError("invalid_domain", `'${named}' is not a domain name`, false);
  return ascii;
}

/**
 * The account is this service's when it carries the service's contact email (set by createacct),
 * or the main domain of the service's order (only a WHM admin can change it). Anything else with
 * our user name is someone else's.
 */
export function isOurs(account: WhmAccount, service: Pick<ServiceInfo, "params" | "client">): boolean {
  if (account.email && account.email.toLowerCase() === service.client.email.toLowerCase()) return true;
  const named = service.params.domain?.trim().toLowerCase();
  return Boolean(named) && account.domain === (domainToASCII(named!) || named);
}

const nameOf = (service: ServiceInfo) => service.remoteId ?? service.remoteName;

const notOurs = (account: WhmAccount) =>
  new ModuleError("exists_foreign", `WHM has an account '${account.user}' (${account.domain}, ${account.email || "no contact email"}) that is not this service's: a person must look`, false);

function doneFor(ctx: Ctx, password: string, account: WhmAccount, adopted: boolean): Done {
  const details: Record<string, string> = { login: account.user, domain: account.domain, panel_url: userPanelUrl(ctx.connection.url) };
  if (account.ip) details.ip = account.ip;
  return done({ remoteId: account.user, details, secrets: { password }, ...(adopted ? { adopted } : {}) });
}

/** Open is done only for an account of ours, not suspended, on the tariff's package. */
function confirm(ctx: Ctx, account: WhmAccount, template: string): void {
  if (!isOurs(account, ctx.service)) throw notOurs(account);
  if (account.suspended) throw new ModuleError("exists_broken", `WHM account '${account.user}' is ours but suspended (${account.suspendReason}): a person must look`, false);
  if (account.plan !== template) {
    throw new ModuleError("template_mismatch", `WHM account '${account.user}' is on package '${account.plan}', the tariff says '${template}'`, false);
  }
}

async function open(ctx: Ctx): Promise<Done> {
  const { service, connection: conn, log } = ctx;
  const user = service.remoteName;
  const template = service.template;
  // §2: without a plan WHM silently uses "default": a cPanel tariff must name its package.
  if (!template) throw new ModuleError("template_missing", "The tariff names no cPanel package: set its account template", false);
  const domain = domainFor(service);
  const password = service.secrets.password;
  if (!password) throw new ModuleError("password_missing", "The service has no password to create the cPanel account with", false);
  log.secret(password);

  const found = await findAccount(conn, log, user);
  if (found) {
    confirm(ctx, found, template);
    log.line(`account ${user} exists and carries this service's contact email or domain: adopted`);
    return doneFor(ctx, password, found, true);
  }
  try {
    await whm(conn, log, "createacct", { username: user, domain, plan: template, password, contactemail: service.client.email }, { method: "POST", slow: true });
  } catch (error) {
    if (!(error instanceof ModuleError) || !["exists", "timeout", "network"].includes(error.code)) throw error;
    // §2: createacct may answer "a group for that username already exists", or no answer, after it made the account.
    const again = await findAccount(conn, log, user);
    if (!again) throw error.code === "exists" ? new ModuleError("exists_vanished", `${error.message}, but listaccts cannot find '${user}'`, true) : error;
    confirm(ctx, again, template);
    log.line(`account ${user} was made by this or a racing try: adopted`);
    return doneFor(ctx, password, again, true);
  }
  // The answer does not prove the account: read it back.
  const made = await findAccount(conn, log, user);
  if (!made) throw new ModuleError("not_created", `WHM answered createacct with success but has no account '${user}'`, true);
  confirm(ctx, made, template);
  return doneFor(ctx, password, made, false);
}

/** The account this service owns, or null when WHM has none of ours under its name. */
async function ours(ctx: Ctx): Promise<{ account: WhmAccount | null; foreign: WhmAccount | null }> {
  const account = await findAccount(ctx.connection, ctx.log, nameOf(ctx.service));
  if (!account) return { account: null, foreign: null };
  return isOurs(account, ctx.service) ? { account, foreign: null } : { account: null, foreign: account };
}

async function mustBeOurs(ctx: Ctx, what: string): Promise<WhmAccount> {
  const { account, foreign } = await ours(ctx);
  if (foreign) throw notOurs(foreign);
  if (!account) throw new ModuleError("not_found", `Cannot ${what}: WHM has no account '${nameOf(ctx.service)}' any more`, false);
  return account;
}

export const cpanel: ProcessingModule<CpanelConnection> = {
  kind: "cpanel",
  title: "cPanel/WHM",
  productTypes: ["hosting"],
  usesTemplates: true,
  orderNeeds: ["domain"],
  connection,
  connectionFields: [
    { key: "url", label: "WHM URL", kind: "url", required: true, placeholder: "https://host:2087" },
    { key: "username", label: "WHM user", placeholder: "root" },
    { key: "apiToken", label: "API token", kind: "password", secret: true, required: true },
    timeoutField,
  ],
  serviceFields: [
    { key: "login", label: "Login", required: true },
    { key: "password", label: "Password", kind: "password", secret: true, required: true },
    { key: "domain", label: "Domain" },
    { key: "ip", label: "IP address", kind: "ip" },
    { key: "panel_url", label: "Panel URL", kind: "url" },
  ],

  async checkConnection(conn, log) {
    await whm(conn, log, "version");
  },

  listTemplates: (conn, log) => listPackages(conn, log),

  open,

  async suspend(ctx) {
    const account = await mustBeOurs(ctx, "suspend");
    // §2: repeating suspendacct succeeds.
    await whm(ctx.connection, ctx.log, "suspendacct", { user: account.user, reason: `Suspended by billing (service ${ctx.service.id})` });
    return done();
  },

  async resume(ctx) {
    const account = await mustBeOurs(ctx, "resume");
    await whm(ctx.connection, ctx.log, "unsuspendacct", { user: account.user });
    return done();
  },

  async close(ctx) {
    const { account, foreign } = await ours(ctx);
    if (foreign) ctx.log.line(`an account '${foreign.user}' exists but is not this service's: left alone, ours is gone`);
    if (!account) {
      if (!foreign) ctx.log.line(`account ${nameOf(ctx.service)} is not on the panel: already closed`);
      return done();
    }
    try {
      await whm(ctx.connection, ctx.log, "removeacct", { username: account.user }, { slow: true });
    } catch (error) {
      // §2: a close that finds the account gone is done.
      if (!(error instanceof ModuleError) || error.code !== "not_found") throw error;
      ctx.log.line(`account ${account.user} went away meanwhile: closed`);
    }
    return done();
  },

  // cPanel accounts do not expire: the billing keeps the paid period.
  prolong: async () => done(),

  async changeTariff(ctx) {
    const template = ctx.params.template;
    if (typeof template !== "string" || !template) {
      throw new ModuleError("template_missing", "change_tariff needs the new package name", false);
    }
    const account = await mustBeOurs(ctx, "change the package");
    await whm(ctx.connection, ctx.log, "changepackage", { user: account.user, pkg: template });
    return done();
  },

  async sync(ctx) {
    const { account, foreign } = await ours(ctx);
    if (foreign) return { state: "missing", reason: `WHM has an account '${foreign.user}', but it is not this service's (${foreign.domain})` };
    if (!account) return { state: "missing", reason: `WHM has no account '${nameOf(ctx.service)}'` };
    const details: Record<string, string> = account.ip ? { ip: account.ip } : {};
    return { state: account.suspended ? "suspended" : "active", details };
  },
};
