import { ModuleError, type AttemptLog, type ServiceInfo } from "../contract";
import { request } from "../http";

export type WebnamesConnection = { url: string; username: string; password: string; nameservers?: string; timeoutMs?: number };
export type Page =
  | "pispRegistration" | "pispRenewDomain" | "pispCheckDomain" | "pispGetApprovalStatus" | "pispBalance" | "pispRedelegation" | "pispAllDomainsInfo";
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
/** One form post to RegTimeSRS.pl; the raw reply text. */
async function post(conn: WebnamesConnection, log: AttemptLog, page: Page, fields: Fields, revision: 1 | 2): Promise<string> {
  log.secret(conn.password);
  const res = await request(log, {
    method: "POST",
    url: endpoint(conn.url),
    form: { username: conn.username, password: conn.password, thisPage: page, ...fields, interface_revision: revision, interface_lang: "en" },
    timeoutMs: conn.timeoutMs,
  });
  return res.text;
}

export async function srs(conn: WebnamesConnection, log: AttemptLog, page: Page, fields: Fields = {}): Promise<string> {
  const text = await post(conn, log, page, fields, 1);
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const first = lines[0] ?? "";
  const failure = lines.find((line) => line.startsWith("Error:"));
  if (failure) throw toModuleError(failure.slice("Error:".length).trim(), page);
  if (first.startsWith("Success:")) return lines.join("\n").slice("Success:".length).trim();
  log.line("answer is neither Success: nor Error:");
  throw new ModuleError("bad_response", `Webnames ${page}: the answer is neither Success nor Error`, true);
}

/** "none" is the registrar's N/A: the domain is not in this account. */
export type ApprovalStatus = "pending" | "approved" | "errsent" | "none";

export type AccountDomain = { name: string; createdAt?: string; expiresAt?: string };

/**
 * pispAllDomainsInfo: the domains of this reseller account, one per line, e.g.
 * "Domain f-box59.ru; Status N; CreationDate 2010-02-23; ExpirationDate 2012-02-23; FutureExpDate ;"
 * (joonte/jbs WebNames.php). The domain's line, or null when the account does not hold it.
 */
export async function accountDomain(conn: WebnamesConnection, log: AttemptLog, domain: string): Promise<AccountDomain | null> {
  const text = await srs(conn, log, "pispAllDomainsInfo");
  for (const line of text.split("\n")) {
    const name = /(?:^|\s)Domain\s+([^\s;]+)\s*;/i.exec(line)?.[1]?.toLowerCase();
    if (name !== domain.toLowerCase()) continue;
    const createdAt = /CreationDate\s+(\d{4}-\d{2}-\d{2})/i.exec(line)?.[1];
    const expiresAt = /ExpirationDate\s+(\d{4}-\d{2}-\d{2})/i.exec(line)?.[1];
    return { name, ...(createdAt ? { createdAt } : {}), ...(expiresAt ? { expiresAt } : {}) };
  }
  return null;
}

/**
 * §5: "Success: Domain status is 'pending|approved|errsent|N/A'". The status is the registrar's
 * manual check of the registrant's data; joonte/jbs reads N/A as "nothing to approve" (zones without
 * a manual check), so N/A alone says nothing about the account: the account's domain list settles it.
 */
export async function approvalStatus(conn: WebnamesConnection, log: AttemptLog, domain: string): Promise<ApprovalStatus> {
  const text = await srs(conn, log, "pispGetApprovalStatus", { domain_name: domain });
  const status = /^Domain\s+status\s+is\s+'([^']*)'/i.exec(text)?.[1]?.trim().toLowerCase();
  if (status === "pending" || status === "approved" || status === "errsent") return status;
  if (status === "n/a") return (await accountDomain(conn, log, domain)) ? "approved" : "none";
  throw new ModuleError("bad_response", `Webnames: unknown approval status in '${text}'`, true);
}

/**
 * pispCheckDomain with interface_revision=2 answers JSON (joonte/jbs WebNames.php): {"error": …}, or
 * {"success": {<group>: [{"dname": …, …}]}} where the group "unavail" holds names that are taken and
 * any other group names that can be registered. A revision 1 text answer is read as a fallback.
 * True/false, or undefined when the answer does not say.
 */
export async function isAvailable(conn: WebnamesConnection, log: AttemptLog, domain: string): Promise<boolean | undefined> {
  const text = await post(conn, log, "pispCheckDomain", { domain_name: domain }, 2);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (body && typeof body === "object") {
    const answer = body as { error?: unknown; success?: unknown };
    if (answer.error !== undefined) throw toModuleError(typeof answer.error === "string" ? answer.error : JSON.stringify(answer.error), "pispCheckDomain");
    if (answer.success && typeof answer.success === "object") {
      for (const [group, entries] of Object.entries(answer.success as Record<string, unknown>)) {
        const list = Array.isArray(entries) ? entries : entries && typeof entries === "object" ? Object.values(entries) : [];
        const named = list.some((e) => e && typeof e === "object" && String((e as { dname?: unknown }).dname ?? "").toLowerCase() === domain);
        if (named) return group !== "unavail";
      }
    }
    return undefined;
  }
  const failure = /^\s*Error:\s*(.*)$/m.exec(text);
  if (failure) throw toModuleError(failure[1].trim(), "pispCheckDomain");
  if (!/^\s*Success:/.test(text)) return undefined;
  if (/\bnot available\b|\bbusy\b|\bunavail|\bregistered\b/i.test(text)) return false;
  if (/\b(is )?(available|free)\b/i.test(text)) return true;
  return undefined;
}

/** ns0..ns3 form fields. */
export function nameserverFields(nameservers: string[]): Fields {
  return Object.fromEntries(nameservers.slice(0, 4).map((ns, i) => [`ns${i}`, ns]));
}

const CYRILLIC: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m", н: "n",
  о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "",
  э: "e", ю: "yu", я: "ya",
};

/** Latin letters for the fields registries want in ASCII (joonte/jbs transliterates them the same way). */
export function translit(text: string): string {
  return [...text].map((ch) => {
    const lower = ch.toLowerCase();
    const latin = CYRILLIC[lower];
    if (latin === undefined) return ch;
    return ch === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  }).join("");
}

const RU_ZONES = new Set(["ru", "su", "xn--p1ai"]);

/**
 * The registrant, in the fields joonte/jbs WebNames.php sends. .ru/.su/.рф (a private person):
 * person (Latin), person_r (as written), e_mail, phone, cell_phone, country, p_addr, private_person.
 * Other zones: the o_ (owner), a_, t_, b_ (admin, tech, billing) contacts: first_name, last_name,
 * email, addr, city, country_code, company, phone (+CC.NUMBER). (unconf.) the registrar's rules on
 * each field; a refusal is final and goes to a person.
 */
export function contactFields(client: ServiceInfo["client"], domain = ""): Fields {
  const zone = domain.toLowerCase().split(".").pop() ?? "";
  const address = [client.address, client.city].filter(Boolean).join(", ") || undefined;
  if (RU_ZONES.has(zone)) {
    return {
      person: translit(client.name),
      person_r: client.name,
      private_person: 0,
      e_mail: client.email,
      phone: client.phone ?? undefined,
      cell_phone: client.phone?.replace(/\s+/g, "") ?? undefined,
      country: client.country ?? undefined,
      p_addr: address,
    };
  }
  const [first, ...rest] = translit(client.name).trim().split(/\s+/);
  const contact: Fields = {
    first_name: first,
    last_name: rest.join(" ") || first,
    email: client.email,
    addr: client.address ? translit(client.address) : undefined,
    city: client.city ? translit(client.city) : undefined,
    country_code: client.country ?? undefined,
    company: "Private person",
    phone: client.phone ?? undefined,
  };
  return Object.fromEntries(["o", "a", "t", "b"].flatMap((role) => Object.entries(contact).map(([key, value]) => [`${role}_${key}`, value])));
}
