import { z } from "zod";
import { done, ModuleError, type ProcessingModule, type SyncResult } from "../contract";
import { domainServiceFields, timeoutField } from "../fields";
import { EPP_PORT, withSession, type EppConnection } from "./client";
import { checkNames } from "./availability";
import { asciiDomain, brokenStatus, notOurs, session, type Ctx } from "./common";
import { ymd } from "./dates";
import { infoDomain } from "./domain";
import { open, pollCreate } from "./open";
import { manage } from "./manage";
import { isRenewTask, pollRenew, prolong } from "./renew";
import { describeStatuses } from "./status-words";
import { isTransferOrder, isTransferTask, LOCK, openTransfer, pollTransfer } from "./transfer";

const flag = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());

const connection = z.object({
  host: z.string().trim().min(1),
  port: z.coerce.number().int().min(1).max(65535).default(EPP_PORT),
  username: z.string().trim().min(3).max(16),
  password: z.string().min(1),
  insecure: flag.optional(),
  caCert: z.string().trim().optional(),
  nameservers: z.string().trim().optional(),
  contactPrefix: z
    .string()
    .trim()
    .regex(/^[a-z0-9]{2,8}$/i, "2–8 letters or digits")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  timeoutMs: z.coerce.number().int().positive().optional(),
  checkLimit: z.coerce.number().int().min(1).max(100).optional(),
});

const registryNeedsPerson = (what: string) => async (): Promise<never> => {
  throw new ModuleError("registry_manual", `The billing does not ${what} domains over EPP: the registry needs a person`, false);
};

/**
 * What the registry says about this service's registration of the domain (another registration is missing):
 * its expiry and statuses, in plain words too. A hold the registrar set (clientHold) reads as suspended; a
 * registry hold, redemption or pending delete as broken, for a person.
 */
async function sync(ctx: Ctx): Promise<SyncResult> {
  const name = asciiDomain(ctx.service.remoteName);
  const info = await session(ctx, (s) => infoDomain(s, name));
  if (!info) return { state: "missing", reason: `The registry does not know ${name}` };
  const why = notOurs(ctx, info);
  if (why) return { state: "missing", reason: `${name} is registered, but not by this service: ${why}` };
  const details: Record<string, string> = {
    nameservers: info.ns.join(", "),
    statuses: info.status.join(", "),
    registry_status: describeStatuses(info.status),
    locked: info.status.includes(LOCK) ? "yes" : "no",
  };
  if (info.exDate) details.expires_at = ymd(info.exDate);
  const broken = brokenStatus(info.status.filter((s) => s !== "clientHold"));
  if (broken) return { state: "broken", reason: `${name} is ${broken} at the registry: ${describeStatuses(info.status)}`, details, expiresAt: info.exDate };
  if (info.status.includes("clientHold")) return { state: "suspended", reason: `${name} is on hold (clientHold), set by this registrar`, details, expiresAt: info.exDate };
  return { state: "active", details, expiresAt: info.exDate };
}

export const epp: ProcessingModule<EppConnection> = {
  kind: "epp",
  title: "EPP registry",
  productTypes: ["domain"],
  usesTemplates: false,
  orderNeeds: ["domain", "contacts"],
  connection,
  connectionFields: [
    { key: "host", label: "EPP host", transport: true, required: true, placeholder: "epp.registry.example" },
    { key: "port", label: "Port", kind: "number", transport: true, placeholder: String(EPP_PORT) },
    { key: "username", label: "Client ID (clID)", required: true },
    { key: "password", label: "Password", kind: "password", secret: true, required: true },
    { key: "caCert", label: "CA certificate (PEM), if not a public CA", transport: true },
    { key: "insecure", label: "Skip the certificate check (local simulators only)", transport: true, placeholder: "false" },
    { key: "nameservers", label: "Default name servers", placeholder: "ns1.example.net, ns2.example.net" },
    { key: "contactPrefix", label: "Contact handle prefix (empty: derived for this installation)", placeholder: "pvx7k2m9" },
    { key: "checkLimit", label: "Names per availability check (the registry's limit)", kind: "number", placeholder: "5" },
    timeoutField,
  ],
  serviceFields: domainServiceFields,

  async checkConnection(conn, log) {
    await withSession(conn, log, async () => {});
  },

  async checkAvailability(conn, names, log) {
    return withSession(conn, log, (s) => checkNames(s, names.map(asciiDomain), conn.checkLimit));
  },

  open: (ctx) => (isTransferOrder(ctx) ? openTransfer(ctx) : open(ctx)),

  poll: (ctx, remoteTask) =>
    isRenewTask(remoteTask) ? pollRenew(ctx, remoteTask.renew)
    : isTransferTask(remoteTask) ? pollTransfer(ctx, remoteTask)
    : pollCreate(ctx, remoteTask),

  manage,
  manages: ["nameservers", "lock", "authcode", "contact"],
  transfersIn: true,

  suspend: registryNeedsPerson("suspend"),
  resume: registryNeedsPerson("resume"),

  // A registrar does not delete a paid domain: closing means it is not renewed and lapses at expiry.
  close: async (ctx) => done({ details: { note: `Not renewed: ${ctx.service.remoteName} stays registered until it expires` } }),

  prolong,
  sync,
};
