import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { ConfigError } from "./env";
import { encryptionKeyText, oldEncryptionKeyText } from "./local-secrets";

const VERSION = "v1";
let cachedKeys: { text: string; keys: Buffer[] } | undefined;

function parseKey(text: string, variable: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) throw new ConfigError(variable, "must be 32 bytes, as base64 or 64 hex digits");
  return key;
}

/** The key to encrypt with (APP_ENCRYPTION_KEY), then the previous one during a rotation (APP_ENCRYPTION_KEY_OLD). */
function keys(): Buffer[] {
  const current = encryptionKeyText();
  const old = oldEncryptionKeyText();
  const text = `${current}|${old ?? ""}`;
  if (cachedKeys?.text === text) return cachedKeys.keys;
  const keys = [parseKey(current, "APP_ENCRYPTION_KEY"), ...(old ? [parseKey(old, "APP_ENCRYPTION_KEY_OLD")] : [])];
  cachedKeys = { text, keys };
  return keys;
}

const key = () => keys()[0]!;

/** A value that none of the configured keys decrypts: encrypted under another key, or damaged. */
export class UnreadableSecretError extends Error {
  constructor() {
    super("a stored secret cannot be decrypted with APP_ENCRYPTION_KEY (nor APP_ENCRYPTION_KEY_OLD): it was encrypted with another key");
    this.name = "UnreadableSecretError";
  }
}

/**
 * The key check values stored in the database: an HMAC of a fixed text, which tells whether a
 * key is the database's without revealing it. The current key's, then the old key's if set.
 */
export function keyChecks(): string[] {
  return keys().map((k) => createHmac("sha256", k).update("provisio key check v1").digest("base64url").slice(0, 22));
}

/**
 * Random 96-bit IVs, drawn from the CSPRNG a few hundred at a time: one call to the generator per
 * IV cost more than the encryption of a short secret. Each IV is used once.
 */
const IV_BYTES = 12;
const IVS_PER_DRAW = 256;
let ivPool = Buffer.alloc(0);
let ivNext = 0;

function nextIv(): Buffer {
  if (ivNext >= ivPool.length) {
    ivPool = randomBytes(IV_BYTES * IVS_PER_DRAW);
    ivNext = 0;
  }
  const iv = ivPool.subarray(ivNext, ivNext + IV_BYTES);
  ivNext += IV_BYTES;
  return iv;
}

/** AES-256-GCM: "v1.<iv>.<tag>.<ciphertext>", all base64url. */
export function encrypt(plaintext: string): string {
  const iv = nextIv();
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), data.toString("base64url")].join(".");
}

function decryptWith(key: Buffer, token: string): string | undefined {
  const [version, iv, tag, data] = token.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("not an encrypted value");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return undefined; // another key's value: the tag does not authenticate
  }
}

/** Decrypts with the current key, or the old one during a rotation; UnreadableSecretError when neither fits. */
export function decrypt(token: string): string {
  for (const k of keys()) {
    const text = decryptWith(k, token);
    if (text !== undefined) return text;
  }
  throw new UnreadableSecretError();
}

/** For a key rotation: the value encrypted with the current key, or null when it is already. */
export function reencrypt(token: string): string | null {
  if (decryptWith(key(), token) !== undefined) return null;
  return encrypt(decrypt(token));
}

export function encryptJson(value: Record<string, unknown>): string {
  return encrypt(JSON.stringify(value));
}

export function decryptJson<T = Record<string, string>>(token: string | null | undefined): T {
  return (token ? JSON.parse(decrypt(token)) : {}) as T;
}

/** Like decryptJson, but a value no key decrypts gives null (for pages that let an admin type it again). */
export function readableJson<T = Record<string, string>>(token: string | null | undefined): T | null {
  try {
    return decryptJson<T>(token);
  } catch (error) {
    if (error instanceof UnreadableSecretError) return null;
    throw error;
  }
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
