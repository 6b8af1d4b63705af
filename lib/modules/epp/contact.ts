import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { ModuleError, type AttemptLog, type ServiceInfo } from "../contract";
import { replyError, secret, type EppConnection, type EppSession } from "./client";
import { contactAuthInfo, contactHandle } from "./ids";
import { CONTACT_NS, el, find, textIn } from "./xml";

/** RFC 5733 contacts: the client's registrant contact, created once per client and registrar account. */

const contactCommand = (verb: string, inner: string) =>
  `<${verb}><contact:${verb} xmlns:contact="${CONTACT_NS}">${inner}</contact:${verb}></${verb}>`;

/** RFC 5733 §2.4: postalInfo type="int" must be 7-bit ASCII; anything else goes in type="loc". */
export const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/** RFC 5733 §2.5: a phone number is "+CC.NUMBER" (E.164 with a dot after the country code). */
export function eppPhone(phone: string | null | undefined, country: string): string | undefined {
  const text = phone?.trim();
  if (!text) return undefined;
  // contact-1.0.xsd e164StringType: the pattern, and at most 17 characters in all.
  const fits = (value: string) => /^\+\d{1,3}\.\d{1,14}$/.test(value) && value.length <= 17;
  if (fits(text)) return text;
  const parsed = parsePhoneNumberFromString(text, country as CountryCode);
  if (!parsed?.isValid()) return undefined;
  const value = `+${parsed.countryCallingCode}.${parsed.nationalNumber}`;
  return fits(value) ? value : undefined;
}

type Client = ServiceInfo["client"];

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** contact-1.0.xsd addrType: at most three street lines; an address's lines beyond the third join the third. */
export function streetLines(address: string): string[] {
  const lines = address.split(/\r?\n|\r/).map(oneLine).filter(Boolean);
  return lines.length <= 3 ? lines : [lines[0]!, lines[1]!, lines.slice(2).join(", ")];
}

/** The <contact:create> body for the client: loc for non-ASCII data, voice as +CC.NUMBER, a 2-letter cc. */
export function contactBody(handle: string, client: Client, authInfo: string, log: AttemptLog): string {
  const { postal, voice, email } = contactFields(client, log);
  return el("contact:id", handle) + postal + voice + email + `<contact:authInfo>${el("contact:pw", authInfo)}</contact:authInfo>`;
}

/** The client's postalInfo, voice and email as a create or an update (RFC 5733 §3.2.5 chg) carries them. */
export function contactFields(client: Client, log: AttemptLog, clearing = false): { postal: string; voice: string; email: string } {
  const cc = client.country?.trim().toUpperCase() ?? "";
  const city = oneLine(client.city ?? "");
  if (!/^[A-Z]{2}$/.test(cc) || !city) {
    throw new ModuleError("contact_incomplete", "The registry needs the client's city and two-letter country code: fill them in the client's profile", false);
  }
  const name = oneLine(client.name);
  const street = streetLines(client.address ?? "");
  // contact-1.0.xsd: name and city are postalLineType (1–255), street optPostalLineType (up to 255), email minTokenType.
  if (!name || !client.email.trim() || [name, city, ...street].some((line) => [...line].length > 255)) {
    throw new ModuleError("contact_incomplete", "The registry needs the client's name and email, and takes name, city and address lines of at most 255 characters", false);
  }
  const type = [name, city, ...street].every(isAscii) ? "int" : "loc";
  // addrType is street{0,3}, city, sp?, pc?, cc, in that order.
  const addr = `<contact:addr>${street.map((line) => el("contact:street", line)).join("")}${el("contact:city", city)}${el("contact:cc", cc)}</contact:addr>`;
  const voice = eppPhone(client.phone, cc);
  if (client.phone && !voice) log.line(`the client's phone is not a valid number for ${cc}: sent without a phone`);
  return {
    postal: `<contact:postalInfo type="${type}">${el("contact:name", name)}${addr}</contact:postalInfo>`,
    // An update clears a phone the client removed with an empty voice (e164StringType allows it).
    voice: voice ? el("contact:voice", voice) : clearing ? "<contact:voice/>" : "",
    email: el("contact:email", client.email),
  };
}

/** contact:update with the client's profile as it is now: the registrant of every domain of the client follows. */
export async function updateContact(session: EppSession, log: AttemptLog, conn: EppConnection, client: Client): Promise<string> {
  const handle = contactHandle(conn, client.id);
  const { postal, voice, email } = contactFields(client, log, true);
  const reply = await session.command(contactCommand("update", el("contact:id", handle) + `<contact:chg>${postal}${voice}${email}</contact:chg>`), `contact update ${handle}`);
  // No contact yet (no domain registered since): the create carries the profile as it is.
  if (reply.code === 2303) return ensureContact(session, log, conn, client);
  if (reply.code !== 1000) throw replyError(reply, "contact update");
  return handle;
}

/**
 * Creates the client's contact, or reuses ours from an earlier order. On 2302 the handle is reused only when
 * contact:info shows our registrar as sponsor and the authInfo this installation set.
 */
export async function ensureContact(session: EppSession, log: AttemptLog, conn: EppConnection, client: Client): Promise<string> {
  const handle = contactHandle(conn, client.id);
  const authInfo = contactAuthInfo(conn, handle);
  secret(log, authInfo);
  const reply = await session.command(contactCommand("create", contactBody(handle, client, authInfo, log)), `contact create ${handle}`);
  if (reply.code === 1000) return handle;
  if (reply.code !== 2302) throw replyError(reply, "contact create");
  const info = await session.command(contactCommand("info", el("contact:id", handle)), `contact info ${handle}`);
  if (info.code !== 1000) throw replyError(info, "contact info");
  const data = find(info.response, CONTACT_NS, "infData");
  const sponsor = textIn(data, CONTACT_NS, "clID");
  const pw = textIn(find(data, CONTACT_NS, "authInfo"), CONTACT_NS, "pw");
  if (sponsor === conn.username && (pw === undefined || pw === authInfo)) return handle;
  throw new ModuleError("contact_foreign", `The registry holds a contact '${handle}' that is not ours (sponsor ${sponsor ?? "unknown"})`, false);
}
