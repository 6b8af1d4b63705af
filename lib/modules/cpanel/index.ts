import { domainToASCII } from "node:url";
import { timeoutField } from "../fields";
import { z } from "zod";
import { done, ModuleError, type Done, type OperationContext, type ProcessingModule, type ServiceInfo } from "../contract";
import { findAccount, listPackages, suspendedUsers, userPanelUrl, whm, type CpanelConnection, type WhmAccount, type WhmData } from "./client";

const connection = z.object({
  url: z.url({ protocol: /^https?$/ }),
  username: z.string().trim().min(1).default("root"),
  apiToken: z.string().min(1),
  timeoutMs: z.coerce.number().int().positive().optional(),
});

type Ctx = OperationContext<CpanelConnection>;

/**
 * The account's main domain. It is also how a later try tells our account from someone else's:
 * a cPanel account has no free-text field for a marker, and only a WHM admin can change the main
 * domain, while the account owner can change the contact email.
 */
export function domainFor(service: Pick<ServiceInfo, "remoteName" | "params">): string {
  const domain = service.params.domain?.trim().toLowerCase();
  if (!domain) throw new ModuleError("domain_missing", "The order names no domain for the cPanel account", false);
  return domainToASCII(domain) || domain;
}

function doneFor(ctx: Ctx, password: string, ip: string, adopted: boolean): Done {
  const { service, connection: conn } = ctx;
  const details: Record<string, string> = { login: service.remoteName, domain: domainFor(service), panel_url: userPanelUrl(conn.url) };
  if (ip) details.ip = ip;
  return done({ remoteId: service.remoteName, details, secrets: { password }, ...(adopted ? { adopted } : {}) });
}

function adoptOrRefuse(ctx: Ctx, account: WhmAccount, password: string): Done {
  if (account.domain.toLowerCase() !== domainFor(ctx.service)) {
    throw new ModuleError("exists_foreign", `WHM already has an account '${account.user}' (${account.domain}) that this billing did not create`, false);
  }
  ctx.log.line(`account ${account.user} exists with our domain: adopted`);
  return doneFor(ctx, password, account.ip, true);
}

async function open(ctx: Ctx): Promise<Done> {
  const { service, connection: conn, log } = ctx;
  const user = service.remoteName;
  const password = service.secrets.password;
  if (!password) throw new ModuleError("password_missing", "The service has no password to create the cPanel account with", false);
  log.secret(password);

  const found = await findAccount(conn, log, user);
  if (found) return adoptOrRefuse(ctx, found, password);
  let data: WhmData;
  try {
    data = await whm(conn, log, "createacct", {
      username: user,
      domain: domainFor(service),
      plan: service.template ?? undefined,
      password,
      contactemail: service.client.email,
    }, "POST");
  } catch (error) {
    if (!(error instanceof ModuleError) || (error.code !== "exists" && error.code !== "timeout")) throw error;
    // §2: createacct may answer "a group for that username already exists", or time out, after it created the account.
    let again: WhmAccount | null = null;
    try {
      again = await findAccount(conn, log, user);
    } catch (lookup) {
      if (error.code === "exists") throw lookup;
    }
    if (again) return adoptOrRefuse(ctx, again, password);
    if (error.code === "timeout") throw error;
    throw new ModuleError("exists_vanished", `WHM said '${user}' exists but listaccts cannot find it`, true);
  }
  return doneFor(ctx, password, typeof data.ip === "string" ? data.ip : "", false);
}

async function call(ctx: Ctx, fn: string, params: Record<string, string>) {
  await whm(ctx.connection, ctx.log, fn, params);
  return done();
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
  suspend: (ctx) => call(ctx, "suspendacct", { user: ctx.service.remoteName, reason: `Suspended by billing (service ${ctx.service.id})` }),
  resume: (ctx) => call(ctx, "unsuspendacct", { user: ctx.service.remoteName }),

  async close(ctx) {
    try {
      await whm(ctx.connection, ctx.log, "removeacct", { username: ctx.service.remoteName });
    } catch (error) {
      if (!(error instanceof ModuleError) || error.code !== "not_found") throw error;
      ctx.log.line(`account ${ctx.service.remoteName} is not on the panel: already closed`);
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
    return call(ctx, "changepackage", { user: ctx.service.remoteName, pkg: template });
  },

  async sync(ctx) {
    const account = await findAccount(ctx.connection, ctx.log, ctx.service.remoteName);
    if (!account) return { state: "missing" };
    // listsuspended, not a field of listaccts, whose field list is unconfirmed (§2).
    const suspended = (await suspendedUsers(ctx.connection, ctx.log)).has(account.user);
    const details: Record<string, string> = account.ip ? { ip: account.ip } : {};
    return { state: suspended ? "suspended" : "active", details };
  },
};
