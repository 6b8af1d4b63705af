import { domainToASCII } from "node:url";
import { timeoutField, domainServiceFields } from "../fields";
import { z } from "zod";
import { done, ModuleError, pending, type Done, type OperationContext, type Outcome, type ProcessingModule } from "../contract";
import { EPP_PORT, secret, withSession, type EppConnection, type EppSession } from "./client";
import { checkDomain, createDomain, ensureContact, infoDomain, renewDomain, type DomainInfo } from "./domain";

const flag = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());

const connection = z.object({
  host: z.string().trim().min(1),
  port: z.coerce.number().int().min(1).max(65535).default(EPP_PORT),
  username: z.string().trim().min(3).max(16),
  password: z.string().min(1),
  insecure: flag.optional(),
  caCert: z.string().trim().optional(),
  nameservers: z.string().trim().optional(),
  timeoutMs: z.coerce.number().int().positive().optional(),
});

type Ctx = OperationContext<EppConnection>;

const POLL_AFTER_MS = 5 * 60_000;
const HOLDS = new Set(["clientHold", "serverHold"]);

export const yearsFor = (months: number) => Math.max(1, Math.ceil(months / 12));
export const ymd = (date: Date) => date.toISOString().slice(0, 10);
const addYears = (date: Date, years: number) => {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
};

/** A session whose log also hides the domain's authInfo, which info answers carry to the sponsor. */
function session<T>(ctx: Ctx, work: (s: EppSession) => Promise<T>): Promise<T> {
  secret(ctx.log, ctx.service.secrets.password);
  return withSession(ctx.connection, ctx.log, work);
}

function asciiDomain(name: string): string {
  const ascii = domainToASCII(name.trim().toLowerCase());
  if (!ascii || !ascii.includes(".")) throw new ModuleError("invalid_domain", `'${name}' is not a domain name`, false);
  return ascii;
}

function nameserversFor(ctx: Ctx): string[] {
  const fromOrder = ctx.service.params.nameservers?.filter(Boolean);
  if (fromOrder?.length) return fromOrder;
  return ctx.connection.nameservers?.split(/[\s,]+/).filter(Boolean) ?? [];
}

function doneFor(ctx: Ctx, name: string, exDate: Date | undefined, ns: string[], adopted: boolean): Done {
  const expiresAt = exDate ?? addYears(new Date(), yearsFor(ctx.service.months));
  const details = { domain: name, expires_at: ymd(expiresAt), nameservers: ns.join(", ") };
  return done({ remoteId: name, details, expiresAt, ...(adopted ? { adopted } : {}) });
}

function adoptOrRefuse(ctx: Ctx, name: string, info: DomainInfo | null): Outcome {
  if (!info) throw new ModuleError("exists_vanished", `The registry said ${name} is taken but does not know it`, true);
  if (info.clID !== ctx.connection.username) {
    throw new ModuleError("exists_foreign", `${name} is held by another registrar (${info.clID})`, false);
  }
  ctx.log.line(`${name} is ours (roid ${info.roid}): adopted`);
  if (info.status.includes("pendingCreate")) {
    return pending({ remoteTask: { domain: name, adopted: true }, remoteId: name, pollAfterMs: POLL_AFTER_MS });
  }
  return doneFor(ctx, name, info.exDate, info.ns, true);
}

async function open(ctx: Ctx): Promise<Outcome> {
  const { connection: conn, service, log } = ctx;
  const name = asciiDomain(service.remoteName);
  // The service password is the domain's authInfo: the same on every try, and a secret already.
  const authInfo = service.secrets.password;
  if (!authInfo) throw new ModuleError("password_missing", "The service has no password to use as the domain's authInfo", false);
  return session(ctx, async (s) => {
    if (!(await checkDomain(s, name))) return adoptOrRefuse(ctx, name, await infoDomain(s, name));
    const contact = await ensureContact(s, log, service.client, conn.username);
    const nameservers = nameserversFor(ctx);
    try {
      const created = await createDomain(s, { name, years: yearsFor(service.months), nameservers, contact, authInfo });
      if (created.pending) return pending({ remoteTask: { domain: name, adopted: false }, remoteId: name, pollAfterMs: POLL_AFTER_MS });
      return doneFor(ctx, name, created.exDate, nameservers, false);
    } catch (error) {
      if (!(error instanceof ModuleError) || error.code !== "exists") throw error;
      // §5: a re-create answers 2302 even for our own domain; info tells whose it is.
      return adoptOrRefuse(ctx, name, await infoDomain(s, name));
    }
  });
}

async function prolong(ctx: Ctx): Promise<Done> {
  const name = asciiDomain(ctx.service.remoteName);
  const years = yearsFor(Number(ctx.params.months ?? ctx.service.months));
  return session(ctx, async (s) => {
    let current = ctx.service.expiresAt;
    if (!current) {
      ctx.log.line("no stored expiry: taking the registry's");
      current = (await infoDomain(s, name))?.exDate ?? null;
      if (!current) throw new ModuleError("not_found", `The registry does not know ${name}`, false);
    }
    try {
      const exDate = (await renewDomain(s, name, ymd(current), years)) ?? addYears(current, years);
      return done({ expiresAt: exDate, details: { expires_at: ymd(exDate) } });
    } catch (error) {
      if (!(error instanceof ModuleError) || error.code !== "policy") throw error;
      // curExpDate no longer matches: an earlier try may have renewed already, and must not renew twice.
      const info = await infoDomain(s, name);
      if (info?.exDate && ymd(info.exDate) === ymd(addYears(current, years))) {
        ctx.log.line(`${name} already runs to ${ymd(info.exDate)}: renewed by an earlier try`);
        return done({ expiresAt: info.exDate, details: { expires_at: ymd(info.exDate) }, adopted: true });
      }
      throw error;
    }
  });
}

const registryNeedsPerson = (what: string) => async (): Promise<never> => {
  throw new ModuleError("registry_manual", `The billing does not ${what} domains over EPP: the registry needs a person`, false);
};

export const epp: ProcessingModule<EppConnection> = {
  kind: "epp",
  title: "EPP registry",
  productTypes: ["domain"],
  usesTemplates: false,
  orderNeeds: ["domain", "contacts"],
  connection,
  connectionFields: [
    { key: "host", label: "EPP host", required: true, placeholder: "epp.registry.example" },
    { key: "port", label: "Port", kind: "number", placeholder: String(EPP_PORT) },
    { key: "username", label: "Client ID (clID)", required: true },
    { key: "password", label: "Password", kind: "password", secret: true, required: true },
    { key: "caCert", label: "CA certificate (PEM), if not a public CA" },
    { key: "insecure", label: "Skip the certificate check (local simulators only)", placeholder: "false" },
    { key: "nameservers", label: "Default name servers", placeholder: "ns1.example.net, ns2.example.net" },
    timeoutField,
  ],
  serviceFields: domainServiceFields,

  async checkConnection(conn, log) {
    await withSession(conn, log, async () => {});
  },

  open,

  async poll(ctx, remoteTask) {
    const name = asciiDomain(String(remoteTask.domain ?? ctx.service.remoteName));
    const info = await session(ctx, (s) => infoDomain(s, name));
    if (!info) throw new ModuleError("registration_rejected", `The registry dropped the pending create of ${name}`, false);
    if (info.clID !== ctx.connection.username) throw new ModuleError("exists_foreign", `${name} went to another registrar (${info.clID})`, false);
    if (info.status.includes("pendingCreate")) return pending({ remoteTask, remoteId: name, pollAfterMs: POLL_AFTER_MS });
    return doneFor(ctx, name, info.exDate, info.ns, remoteTask.adopted === true);
  },

  suspend: registryNeedsPerson("suspend"),
  resume: registryNeedsPerson("resume"),

  // A registrar does not delete a paid domain: closing means it is not renewed and lapses at expiry.
  close: async (ctx) => done({ details: { note: `Not renewed: ${ctx.service.remoteName} stays registered until it expires` } }),

  prolong,

  async sync(ctx) {
    const name = asciiDomain(ctx.service.remoteName);
    const info = await session(ctx, (s) => infoDomain(s, name));
    if (!info || info.clID !== ctx.connection.username) return { state: "missing" };
    const details: Record<string, string> = { nameservers: info.ns.join(", ") };
    if (info.exDate) details.expires_at = ymd(info.exDate);
    return { state: info.status.some((s) => HOLDS.has(s)) ? "suspended" : "active", details, expiresAt: info.exDate };
  },
};
