import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { ConfigError } from "./env";
import { encryptionKeyText } from "./local-secrets";

const VERSION = "v1";
let cachedKey: { text: string; key: Buffer } | undefined;

function key(): Buffer {
  const text = encryptionKeyText();
  if (cachedKey?.text === text) return cachedKey.key;
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) throw new ConfigError("APP_ENCRYPTION_KEY", "must be 32 bytes, as base64 or 64 hex digits");
  cachedKey = { text, key };
  return key;
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

export function decrypt(token: string): string {
  const [version, iv, tag, data] = token.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("not an encrypted value");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

export function encryptJson(value: Record<string, unknown>): string {
  return encrypt(JSON.stringify(value));
}

export function decryptJson<T = Record<string, string>>(token: string | null | undefined): T {
  return (token ? JSON.parse(decrypt(token)) : {}) as T;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
