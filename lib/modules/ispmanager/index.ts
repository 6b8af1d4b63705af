import { z } from "zod";
import { timeoutField } from "../fields";
import { done, ModuleError, type Done, type OperationContext, type ProcessingModule, type ServiceInfo } from "../contract";
import { call, elemsOf, findUser, textOf, type IspConnection, type IspUserForm } from "./client";

const connection = z.object({
  url: z.url({ protocol: /^https?$/ }),
  username: z.string().trim().min(1),
  password: z.string().min(1),
  timeoutMs: z.coerce.number().int().positive().optional(),
});

type Ctx = OperationContext<IspConnection>;

/** The fullname a user made by us carries: how a later try tells our user from someone else's. */
export const ownerMarker = (service: Pick<ServiceInfo, "id">) => `provisio-service-${service.id}`;

const MIB_PER_GIB = 1024;
/** Tariff resource keys → ISPmanager limits. Keys that already start with "limit_" pass unchanged. */
const LIMITS: Record<string, { limit: string; factor?: number }> = {
  // Hosting tariffs quote disk in GiB; limit_quota is in MiB.
  disk: { limit: "limit_quota", factor: MIB_PER_GIB },
  databases: { limit: "limit_db" },
  sites: { limit: "limit_webdomains" },
  domains: { limit: "limit_domains" },
  mailboxes: { limit: "limit_emails" },
  ftp_users: { limit: "limit_ftp_users" },
};

export function limitsFor(resources: Record<string, number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, amount] of Object.entries(resources)) {
    if (key.startsWith("limit_")) out[key] = String(amount);
    else if (LIMITS[key]) out[LIMITS[key].limit] = String(amount * (LIMITS[key].factor ?? 1));
  }
  return out;
}

function doneFor(ctx: Ctx, password: string, adopted: boolean): Done {
  const { service, connection: conn } = ctx;
  const details: Record<string, string> = { login: service.remoteName, panel_url: conn.url };
  if (service.params.domain) details.domain = service.params.domain;
  return done({ remoteId: service.remoteName, details, secrets: { password }, ...(adopted ? { adopted } : {}) });
}

function adoptOrRefuse(ctx: Ctx, user: IspUserForm, password: string): Done {
  if (user.fullname !== ownerMarker(ctx.service)) {
    throw new ModuleError("exists_foreign", `ISPmanager already has a user '${user.name}' that this billing did not create`, false);
  }
  ctx.log.line(`user ${user.name} exists and is ours: adopted`);
  return doneFor(ctx, password, true);
}

async function open(ctx: Ctx): Promise<Done> {
  const { service, connection: conn, log } = ctx;
  const name = service.remoteName;
  const password = service.secrets.password;
  if (!password) throw new ModuleError("password_missing", "The service has no password to create the panel user with", false);
  log.secret(password);

  // Create first: ISPmanager answers exists/user for a taken name, and only then do we look the
  // user up and adopt it if it is ours. One request in the common case, and as safe as looking first.
  try {
    await call(conn, log, "user.add.finish", {
      name,
      passwd: password,
      confirm: password,
      fullname: ownerMarker(service),
      preset: service.template ?? undefined,
      domain: service.params.domain,
      ...limitsFor(service.resources),
    });
  } catch (error) {
    if (!(error instanceof ModuleError) || error.code !== "exists") throw error;
    const again = await findUser(conn, log, name);
    if (again) return adoptOrRefuse(ctx, again, password);
    throw new ModuleError("exists_vanished", `ISPmanager said '${name}' exists but cannot find it`, true);
  }
  return doneFor(ctx, password, false);
}

async function setActive(ctx: Ctx, func: "user.suspend" | "user.resume") {
  await call(ctx.connection, ctx.log, func, { elid: ctx.service.remoteName });
  return done();
}

export const ispmanager: ProcessingModule<IspConnection> = {
  kind: "ispmanager",
  title: "ISPmanager",
  productTypes: ["hosting"],
  usesTemplates: true,
  orderNeeds: ["domain"],
  connection,
  connectionFields: [
    { key: "url", label: "Panel URL", kind: "url", required: true, placeholder: "https://host:1500" },
    { key: "username", label: "User name", required: true },
    { key: "password", label: "Password", kind: "password", secret: true, required: true },
    timeoutField,
  ],
  serviceFields: [
    { key: "login", label: "Login", required: true },
    { key: "password", label: "Password", kind: "password", secret: true, required: true },
    { key: "panel_url", label: "Panel URL", kind: "url" },
    { key: "domain", label: "Domain" },
  ],

  async checkConnection(conn, log) {
    await call(conn, log, "user");
  },

  async listTemplates(conn, log) {
    const doc = await call(conn, log, "preset");
    return elemsOf(doc)
      .map((elem) => textOf(elem.name))
      .filter((name): name is string => Boolean(name));
  },

  open,
  suspend: (ctx) => setActive(ctx, "user.suspend"),
  resume: (ctx) => setActive(ctx, "user.resume"),

  async close(ctx) {
    try {
      await call(ctx.connection, ctx.log, "user.delete", { elid: ctx.service.remoteName });
    } catch (error) {
      if (!(error instanceof ModuleError) || error.code !== "not_found") throw error;
      ctx.log.line(`user ${ctx.service.remoteName} is not on the panel: already closed`);
    }
    return done();
  },

  // ISPmanager users do not expire: the billing keeps the paid period.
  prolong: async () => done(),

  async changeTariff(ctx) {
    const template = ctx.params.template;
    if (typeof template !== "string" || !template) {
      throw new ModuleError("template_missing", "change_tariff needs the new template name", false);
    }
    await call(ctx.connection, ctx.log, "user.edit", { elid: ctx.service.remoteName, preset: template, sok: "ok" });
    return done();
  },

  async sync(ctx) {
    const user = await findUser(ctx.connection, ctx.log, ctx.service.remoteName);
    if (!user) return { state: "missing" };
    return { state: user.active ? "active" : "suspended" };
  },
};
