import { ModuleError, type AttemptLog, type ServiceInfo } from "../contract";
import { request } from "../http";

export type WebnamesConnection = { url: string; username: string; password: string; nameservers?: string; timeoutMs?: number };
export type Page = "pispRegistration" | "pispRenewDomain" | "pispCheckDomain" | "pispGetApprovalStatus" | "pispBalance" | "pispRedelegation";
type Fields = Record<string, string | number | undefined>;

export const DEFAULT_URL = "https://www.webnames.ru:81/RegTimeSRS.pl";

/** The RegTimeSRS.pl endpoint: the configured URL, or its origin with the script path added. */
export function endpoint(base: string): string {
  const url = new URL(base);
  if (!url.pathname.endsWith("/RegTimeSRS.pl")) url.pathname = `${url.pathname.replace(/\/+$/, "")}/RegTimeSRS.pl`;
  url.search = "";
  return url.toString();
}

// (unconf.) Webnames' error texts: these patterns are guesses kept in one place.
function toModuleError(text: string, page: Page): ModuleError {
  const message = `Webnames ${page}: ${text}`;
  if (/auth|password|login|access denied/i.test(text)) return new ModuleError("auth", message, false);
  if (/too (often|many|frequent)|banned|blocked/i.test(text)) return new ModuleError("rate_limited", message, true);
  if (/already registered|not available|is busy|already exists/i.test(text)) return new ModuleError("exists", message, false);
  if (/not found|no such domain|not registered|unknown domain/i.test(text)) return new ModuleError("not_found", message, false);
  if (/balance|funds|money/i.test(text)) return new ModuleError("balance", message, false);
  if (/invalid|incorrect|wrong|not allowed/i.test(text)) return new ModuleError("invalid", message, false);
  return new ModuleError("panel_error", message, true);
}

/**
 * One form post; returns the text after "Success:". §5: replies are plain text "Success: …" or
 * "Error: …". Success is positive: only an answer whose first line starts with "Success:" (and
 * that carries no "Error:" line) counts; anything else is a bad response, never done.
 */
export async function srs(conn: WebnamesConnection, log: AttemptLog, page: Page, fields: Fields = {}): Promise<string> {
  log.secret(conn.password);
  const res = await request(log, {
    method: "POST",
    url: endpoint(conn.url),
    form: { username: conn.username, password: conn.password, thisPage: page, ...fields, interface_revision: 1, interface_lang: "en" },
    timeoutMs: conn.timeoutMs,
  });
  const lines = res.text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const first = lines[0] ?? "";
  const failure = lines.find((line) => line.startsWith("Error:"));
  if (failure) throw toModuleError(failure.slice("Error:".length).trim(), page);
  if (first.startsWith("Success:")) return lines.join("\n").slice("Success:".length).trim();
  log.line("answer is neither Success: nor Error:");
  throw new ModuleError("bad_response", `Webnames ${page}: the answer is neither Success nor Error`, true);
}

/** "none" is the registrar's N/A: the domain is not in this account. */
export type ApprovalStatus = "pending" | "approved" | "errsent" | "none";

export async function approvalStatus(conn: WebnamesConnection, log: AttemptLog, domain: string): Promise<ApprovalStatus> {
  const text = await srs(conn, log, "pispGetApprovalStatus", { domain_name: domain });
  // §5: "Success: Domain status is 'pending|approved|errsent|N/A'".
  const status = /^Domain status is '([^']*)'$/i.exec(text)?.[1]?.toLowerCase();
  if (status === "pending" || status === "approved" || status === "errsent") return status;
  if (status === "n/a") return "none";
  throw new ModuleError("bad_response", `Webnames: unknown approval status in '${text}'`, true);
}

/** (unconf.) the wording of pispCheckDomain; "not available" or "busy" means someone holds the name. */
export async function isAvailable(conn: WebnamesConnection, log: AttemptLog, domain: string): Promise<boolean> {
  const text = await srs(conn, log, "pispCheckDomain", { domain_name: domain });
  if (/\bnot available\b|\bbusy\b|\bregistered\b/i.test(text)) return false;
  if (/\bis (available|free)\b/i.test(text)) return true;
  throw new ModuleError("bad_response", `Webnames: cannot tell from '${text}' whether ${domain} is free`, true);
}

/** ns0..ns3 form fields. */
export function nameserverFields(nameservers: string[]): Fields {
  return Object.fromEntries(nameservers.slice(0, 4).map((ns, i) => [`ns${i}`, ns]));
}

/**
 * The registrant. (unconf.) Webnames' contact field names are not documented for us: these follow
 * the .ru-style names public clients send (person, e_mail, phone, country, p_addr).
 */
export function contactFields(client: ServiceInfo["client"]): Fields {
  return {
    person: client.name,
    e_mail: client.email,
    phone: client.phone ?? undefined,
    country: client.country ?? undefined,
    p_addr: [client.address, client.city].filter(Boolean).join(", ") || undefined,
  };
}
