import { z } from "zod";
import { timeoutField } from "../fields";
import { done, ModuleError, type Done, type OperationContext, type ProcessingModule, type ServiceInfo } from "../contract";
import { call, change, elemsOf, findUser, readBackUser, textOf, type IspConnection, type IspUserForm } from "./client";
import { limitsFor } from "./limits";

const connection = z.object({
  url: z.url({ protocol: /^https?$/ }),
  username: z.string().trim().min(1),
  password: z.string().min(1),
  timeoutMs: z.coerce.number().int().positive().optional(),
});

type Ctx = OperationContext<IspConnection>;

/** The fullname a user made by us carries: how a later try tells our user from someone else's. */
export const ownerMarker = (service: Pick<ServiceInfo, "id">) => `provisio-service-${service.id}`;

export { limitsFor };

/** func=preset: the template names on the panel. */
async function presetNames(conn: IspConnection, log: Ctx["log"]): Promise<string[]> {
  const doc = await call(conn, log, "preset");
  return elemsOf(doc)
    .map((elem) => textOf(elem.name))
    .filter((name): name is string => Boolean(name));
}

/** A character that can continue a marker: `provisio-service-1` must not match `provisio-service-12`. */
const markerChar = (c: string | undefined) => c !== undefined && /[\w-]/.test(c);

/** `marker` in `text` as a whole word (not part of a longer marker); no regex is compiled per call. */
function carries(text: string, marker: string): boolean {
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    if (!markerChar(text[at - 1]) && !markerChar(text[at + marker.length])) return true;
  }
  return false;
}

/** The user is this service's only when its fullname or comment carries the service's marker. */
export function isOurs(user: IspUserForm, service: Pick<ServiceInfo, "id">): boolean {
  const marker = ownerMarker(service);
  return carries(user.fullname, marker) || carries(user.comment, marker);
}

const nameOf = (service: ServiceInfo) => service.remoteId ?? service.remoteName;

/**
 * The site made with the user. ISPmanager 6 takes webdomain_name and emaildomain_name on
 * user.add.finish (ispmanager's own WHMCS module), with webdomain=off and emaildomain=off for none;
 * ISPmanager 5 takes domain (joonte/jbs IspManager5.php). Each version ignores the other's fields.
 */
export function siteFields(domain: string | undefined): Record<string, string> {
  const name = domain?.trim().toLowerCase();
  if (!name) return { webdomain: "off", emaildomain: "off" };
  return { webdomain_name: name, emaildomain_name: name, domain: name };
}

function doneFor(ctx: Ctx, password: string, adopted: boolean): Done {
  const { service, connection: conn } = ctx;
  const details: Record<string, string> = { login: service.remoteName, panel_url: conn.url };
  if (service.params.domain) details.domain = service.params.domain;
  return done({ remoteId: service.remoteName, details, secrets: { password }, ...(adopted ? { adopted } : {}) });
}

const notOurs = (user: IspUserForm) =>
  new ModuleError("exists_foreign", `ISPmanager has a user '${user.name}' that is not this service's (no marker in its full name or comment): a person must look`, false);

/** Open is done only for a user of ours, active, on the tariff's template. */
function confirm(ctx: Ctx, user: IspUserForm): void {
  if (!isOurs(user, ctx.service)) throw notOurs(user);
  if (!user.active) throw new ModuleError("exists_broken", `ISPmanager user '${user.name}' is ours but suspended: a person must look`, false);
  const template = ctx.service.template;
  if (template && user.preset !== template) {
    throw new ModuleError("template_mismatch", `ISPmanager user '${user.name}' is on template '${user.preset}', the tariff says '${template}'`, false);
  }
}

async function open(ctx: Ctx): Promise<Done> {
  const { service, connection: conn, log } = ctx;
  const name = service.remoteName;
  const password = service.secrets.password;
  if (!password) throw new ModuleError("password_missing", "The service has no password to create the panel user with", false);
  log.secret(password);

  // ispmanager's WHMCS module looks the template up in func=preset before creating: a panel that
  // ignored an unknown preset would make a user without the tariff's limits.
  if (service.template && !(await presetNames(conn, log)).includes(service.template)) {
    throw new ModuleError("unknown_template", `ISPmanager has no template '${service.template}': the tariff's template must exist on the panel`, false);
  }
  try {
    // §1: what public connectors send to user.add.finish, with the site's domain and the limits.
    await change(conn, log, "user.add.finish", {
      addinfo: "off",
      name,
      passwd: password,
      confirm: password,
      fullname: ownerMarker(service),
      preset: service.template ?? undefined,
      ...siteFields(service.params.domain),
      ...limitsFor(service.resources),
    });
  } catch (error) {
    if (!(error instanceof ModuleError) || error.code !== "exists") throw error;
    const again = await findUser(conn, log, name);
    if (!again) throw new ModuleError("exists_vanished", `ISPmanager said '${name}' exists but cannot find it`, true);
    confirm(ctx, again);
    log.line(`user ${name} exists, carries this service's marker and is active: adopted`);
    return doneFor(ctx, password, true);
  }
  // The ok does not say which template the user got: read it back.
  const made = await readBackUser(conn, log, name);
  if (!made) throw new ModuleError("not_created", `ISPmanager answered ok to user.add.finish but has no user '${name}'`, true);
  confirm(ctx, made);
  return doneFor(ctx, password, false);
}

/** The user this service owns, or null when the panel has none of ours under its name. */
async function ours(ctx: Ctx): Promise<{ user: IspUserForm | null; foreign: IspUserForm | null }> {
  const user = await findUser(ctx.connection, ctx.log, nameOf(ctx.service));
  if (!user) return { user: null, foreign: null };
  return isOurs(user, ctx.service) ? { user, foreign: null } : { user: null, foreign: user };
}

async function setActive(ctx: Ctx, func: "user.suspend" | "user.resume") {
  const { user, foreign } = await ours(ctx);
  if (foreign) throw notOurs(foreign);
  if (!user) {
    const what = func === "user.suspend" ? "suspend" : "resume";
    throw new ModuleError("not_found", `Cannot ${what}: ISPmanager has no user '${nameOf(ctx.service)}' any more`, false);
  }
  await confirmedChange(ctx, func, { elid: user.name }, async () => (await findUser(ctx.connection, ctx.log, user.name))?.active === (func === "user.resume"));
  return done();
}

/**
 * A group operation (user.suspend, user.resume, user.delete) done only on doc.ok, or, when the answer
 * is neither ok nor an error (some versions answer group operations with the list they came from),
 * only when a read-back shows the change on the panel.
 */
async function confirmedChange(ctx: Ctx, func: string, params: Record<string, string>, shows: () => Promise<boolean>): Promise<void> {
  try {
    await change(ctx.connection, ctx.log, func, params);
  } catch (error) {
    if (!(error instanceof ModuleError) || error.code !== "bad_response") throw error;
    if (!(await shows())) throw error;
    ctx.log.line(`${func} gave no ok, but the read-back shows the change: done`);
  }
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

  listTemplates: (conn, log) => presetNames(conn, log),

  open,
  suspend: (ctx) => setActive(ctx, "user.suspend"),
  resume: (ctx) => setActive(ctx, "user.resume"),

  async close(ctx) {
    const { user, foreign } = await ours(ctx);
    if (foreign) ctx.log.line(`a user '${foreign.name}' exists but is not this service's: left alone, ours is gone`);
    if (!user) {
      if (!foreign) ctx.log.line(`user ${nameOf(ctx.service)} is not on the panel: already closed`);
      return done();
    }
    try {
      await confirmedChange(ctx, "user.delete", { elid: user.name }, async () => !(await findUser(ctx.connection, ctx.log, user.name)));
    } catch (error) {
      if (!(error instanceof ModuleError) || error.code !== "not_found") throw error;
      ctx.log.line(`user ${user.name} went away meanwhile: closed`);
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
    const { user, foreign } = await ours(ctx);
    if (foreign) throw notOurs(foreign);
    if (!user) throw new ModuleError("not_found", `Cannot change the tariff: ISPmanager has no user '${nameOf(ctx.service)}'`, false);
    // The plan's limits and the add-ons bought on top, as the create sends them.
    const resources = ctx.params.resources && typeof ctx.params.resources === "object" ? limitsFor(ctx.params.resources as Record<string, number>) : {};
    await change(ctx.connection, ctx.log, "user.edit", { elid: user.name, preset: template, ...resources });
    const after = await findUser(ctx.connection, ctx.log, user.name);
    if (after?.preset !== template) {
      throw new ModuleError("not_changed", `ISPmanager answered ok but user '${user.name}' is on '${after?.preset ?? "nothing"}', not '${template}'`, true);
    }
    return done();
  },

  async sync(ctx) {
    const { user, foreign } = await ours(ctx);
    if (foreign) return { state: "missing", reason: `ISPmanager has a user '${foreign.name}', but it is not this service's (no marker)` };
    if (!user) return { state: "missing", reason: `ISPmanager has no user '${nameOf(ctx.service)}'` };
    return { state: user.active ? "active" : "suspended" };
  },
};
