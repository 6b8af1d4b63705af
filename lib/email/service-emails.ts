import type { OrderParams, ProductType } from "@/lib/vocabulary";
import { remoteNameFor } from "@/lib/billing/password";
import type { ServiceStatusEvent, TemplateEmail } from "./templates";
import type { StatusWhy } from "./templates/service-status";

export type ServiceEmailEvent = "welcome" | ServiceStatusEvent;

export type ServiceForEmail = {
  id: number;
  productType: ProductType;
  tariffName: string;
  details: Record<string, string>;
  /** Decrypted secrets: they go into the (encrypted) email props. */
  secrets: Record<string, string>;
  params: OrderParams;
  expiresAt: Date | null;
};

/** Chooses the template and props of the email that tells a client about an event of a service. */
export function serviceEmail(
  event: ServiceEmailEvent,
  service: ServiceForEmail,
  extra: { reason?: string; why?: StatusWhy } = {},
): TemplateEmail {
  if (event === "welcome") return welcomeEmail(service);
  const name = shown(service, service.params.domain || service.params.hostname || service.details.domain);
  const expiresAt = day(service.expiresAt);
  return {
    template: "service-status",
    props: {
      serviceId: service.id,
      tariffName: service.tariffName,
      status: event,
      ...(name ? { name } : {}),
      ...(expiresAt ? { expiresAt } : {}),
      ...(extra.reason ? { reason: extra.reason } : {}),
      ...(extra.why ? { why: extra.why } : {}),
    },
  };
}

function welcomeEmail(service: ServiceForEmail): TemplateEmail {
  const { id: serviceId, tariffName, details, secrets, params } = service;
  const domain = shown(service, params.domain || pick(details, "domain"));
  if (service.productType === "hosting" || service.productType === "dedicated") {
    const panelUrl = pick(details, "panelUrl", "panel_url", "url");
    const login = pick(details, "login", "username", "user");
    const password = pick(secrets, "password", "pass");
    if (panelUrl && login && password) {
      return {
        template: "welcome-hosting",
        props: { serviceId, tariffName, panelUrl, login, password, ...(domain ? { domain } : {}) },
      };
    }
  }
  if (service.productType === "vps") {
    const ip = pick(details, "ip", "ipAddress", "ipv4");
    const rootPassword = pick(secrets, "rootPassword", "root_password", "password");
    const hostname = shown(service, params.hostname || pick(details, "hostname", "hostName"));
    const os = params.os || pick(details, "os");
    if (ip && rootPassword) {
      return {
        template: "welcome-vps",
        props: { serviceId, tariffName, ip, rootPassword, ...(hostname ? { hostname } : {}), ...(os ? { os } : {}) },
      };
    }
  }
  if (service.productType === "domain" && domain) {
    return {
      template: "welcome-domain",
      props: { serviceId, domain, expiresAt: day(service.expiresAt) ?? "", nameservers: nameservers(service) },
    };
  }
  const extras: Record<string, string> = {};
  if (params.domain) extras.domain = params.domain;
  if (params.hostname) extras.hostname = params.hostname;
  const naming = new Set(["domain", "hostname", "hostName", "name", "server"]);
  const entries = Object.entries({ ...extras, ...details, ...secrets }).filter(([key, value]) => value !== "" && (!naming.has(key) || shown(service, value)));
  return {
    template: "welcome-other",
    props: { serviceId, tariffName, details: entries.map(([key, value]) => ({ label: labelOf(key), value })) },
  };
}

/**
 * A name that tells the client which service this is, unless it is the service's internal name on
 * the panel (e.g. a VM named after it when the order gave no host name): emails name a service by
 * its domain or host name, else by its tariff and number, never by that internal name.
 */
function shown(service: ServiceForEmail, name: string | undefined): string | undefined {
  if (!name || service.productType === "domain") return name || undefined;
  return name.toLowerCase() === remoteNameFor(service.productType, service.id).toLowerCase() ? undefined : name;
}

function pick(values: Record<string, string>, ...keys: string[]): string | undefined {
  for (const key of keys) if (values[key]) return values[key];
  return undefined;
}

function nameservers(service: ServiceForEmail): string[] {
  if (service.params.nameservers?.length) return service.params.nameservers;
  const listed = pick(service.details, "nameservers", "ns");
  if (listed) return listed.split(/[\s,]+/).filter(Boolean);
  return ["ns1", "ns2", "ns3", "ns4"].map((key) => service.details[key]).filter((ns): ns is string => !!ns);
}

function day(date: Date | null): string | undefined {
  return date ? date.toISOString().slice(0, 10) : undefined;
}

/** "panelUrl" / "root_password" → "Panel URL" / "Root password". */
function labelOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  return label.replace(/\b(ip|ipv4|ipv6|url|os|ssh|dns)\b/gi, (w) => w.toUpperCase());
}

/**
 * Why a suspend or close operation happened, as data from its params, so the email words it in the
 * client's language: the suspension's reason and the admin's note; a closing's refund, or none.
 * Operations queued before these params were kept give what they can (the English `clientNote` stays).
 */
export function statusWhyFrom(kind: string, params: Record<string, unknown>): StatusWhy | undefined {
  const note = typeof params.note === "string" && params.note ? params.note : null;
  if (kind === "suspend") {
    const reason = params.reason === "expired" ? "non_payment" : params.reason;
    if (typeof reason !== "string" || !("note" in params)) return undefined;
    return { suspension: reason as StatusWhy["suspension"], note };
  }
  if (kind === "close" && params.reason === "requested" && "currency" in params) {
    const refund = typeof params.refund === "number" && params.refund > 0 ? { amount: params.refund, currency: String(params.currency) } : undefined;
    return refund ? { refund } : { closing: params.atPeriodEnd ? "periodEnd" : "nothing" };
  }
  return undefined;
}
