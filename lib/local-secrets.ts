import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, dataDir, isProduction } from "./env";

type LocalSecrets = { authSecret: string; encryptionKey: string; paymentWebhookSecret?: string };

function localSecretsFile(): string {
  return join(dataDir(), "secrets.json");
}

/** Secrets kept in .data/ for an embedded first run: generated once, reused after. */
function localSecrets(): LocalSecrets {
  const file = localSecretsFile();
  if (existsSync(file) && statSync(file).mode & 0o077) chmodSync(file, 0o600); // readable by its owner only, even when copied in with a looser mode
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as LocalSecrets) : null;
  if (existing?.paymentWebhookSecret) return existing;
  // A file from before the payment secret existed keeps its keys and gains the new one.
  const secrets = {
    authSecret: existing?.authSecret ?? randomBytes(32).toString("base64url"),
    encryptionKey: existing?.encryptionKey ?? randomBytes(32).toString("base64"),
    paymentWebhookSecret: randomBytes(32).toString("hex"),
  };
  mkdirSync(dataDir(), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

/** A production deployment must bring its own keys; the demo, development and tests may use .data/. */
function mayGenerate(variable: string): void {
  if (isProduction()) throw new ConfigError(variable, "is required when NODE_ENV=production");
}

export function encryptionKeyText(): string {
  const v = process.env.APP_ENCRYPTION_KEY;
  if (v) return v;
  mayGenerate("APP_ENCRYPTION_KEY");
  return localSecrets().encryptionKey;
}

/** The previous key during a rotation: still decrypts, never encrypts (docs/production.md, Key rotation). */
export function oldEncryptionKeyText(): string | undefined {
  return process.env.APP_ENCRYPTION_KEY_OLD?.trim() || undefined;
}

export function authSecret(): string {
  const v = process.env.AUTH_SECRET;
  if (v) return v;
  mayGenerate("AUTH_SECRET");
  const secret = localSecrets().authSecret;
  process.env.AUTH_SECRET = secret;
  return secret;
}

/**
 * The HMAC secret of the generic payment webhook (the demo gateway signs with it too): the
 * environment's, or one generated into .data/; undefined in production without it (the webhook then answers 503).
 */
export function paymentWebhookSecret(): string | undefined {
  const v = process.env.PAYMENT_WEBHOOK_SECRET;
  if (v) return v;
  if (isProduction()) return undefined;
  return localSecrets().paymentWebhookSecret;
}
