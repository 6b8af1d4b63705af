import { createHmac, randomBytes } from "node:crypto";
import { encryptionKeyText } from "../../local-secrets";
import { ModuleError, type ServiceInfo } from "../contract";
import type { EppConnection } from "./client";

/**
 * Names and passwords the module sets at the registry, derived rather than stored, so a retry after a
 * lost answer knows them and can prove an object is ours (protocols.md §5, "Ownership" and "Contacts").
 */

const SPECIALS = "!#$%*+=?@^~";
const LETTERS = "abcdefghijkmnopqrstuvwxyz";
const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text).digest();

/**
 * An authInfo from a digest that passes the strictest known policy (Identity Digital: 8–32 characters with a
 * letter, a digit and a special character): 16 base64url characters, then a special, a digit and a letter.
 */
function policyPassword(digest: Buffer): string {
  const [a = 0, b = 0, c = 0] = digest.subarray(24);
  return digest.subarray(0, 12).toString("base64url") + SPECIALS[a % SPECIALS.length] + String(b % 10) + LETTERS[c % LETTERS.length];
}

/** A new random authInfo under the same policy: a regenerated auth code, or ours after a transfer in. */
export const randomAuthInfo = () => policyPassword(randomBytes(32));

/** The domain's authInfo: set by this service's first create, the same on every try (keyed by the service's secret password). */
export function domainAuthInfo(service: ServiceInfo): string {
  if (service.secrets.authInfo) return service.secrets.authInfo;
  const password = service.secrets.password;
  if (!password) throw new ModuleError("password_missing", "The service has no secret to derive the domain's authInfo from", false);
  return policyPassword(hmac(password, `epp-domain-authinfo|${service.id}|${service.remoteName.toLowerCase()}`));
}

/** The random part of this installation's contact handles at this registrar account: 6 characters. */
function installationPart(conn: EppConnection): string {
  if (conn.contactPrefix) return conn.contactPrefix.toLowerCase();
  const digest = hmac(encryptionKeyText(), `epp-contact-prefix|${conn.host.toLowerCase()}|${conn.username}`);
  return "pv" + BigInt(`0x${digest.subarray(0, 8).toString("hex")}`).toString(36).padStart(6, "0").slice(-6);
}

/**
 * The client's contact handle. Contact ids are registry-wide (3–16 characters), so the handle carries a part
 * no other registrar or installation shares, then the client id in base 36: re-derived on every order.
 */
export function contactHandle(conn: EppConnection, clientId: number): string {
  const handle = installationPart(conn) + clientId.toString(36);
  if (handle.length > 16) throw new ModuleError("contact_id", `The contact handle ${handle} is longer than the 16 characters EPP allows`, false);
  return handle;
}

/** The contact's authInfo: what proves to a later order that a contact with our handle is the one we made. */
export const contactAuthInfo = (conn: EppConnection, handle: string) =>
  policyPassword(hmac(encryptionKeyText(), `epp-contact-authinfo|${conn.host.toLowerCase()}|${conn.username}|${handle}`));
