import { z } from "zod";

/** A configuration problem found at start-up; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = "ConfigError";
  }
}

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.pathname.length > 1;
    } catch {
      return false;
    }
  }, "must look like postgres://user@host:5432/database");

/** The database URL, or undefined for embedded PGlite. Throws ConfigError when it is malformed. */
export function readDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw.trim() === "") return undefined;
  const parsed = databaseUrl.safeParse(raw);
  if (!parsed.success) throw new ConfigError("DATABASE_URL", parsed.error.issues[0]?.message ?? "invalid");
  return parsed.data;
}

const APP_URL_FORM = "must be the site's public address, http(s)://host[:port] with no path, query or fragment (e.g. https://billing.example.com)";

/**
 * The site's public address (APP_URL) without a trailing slash, or undefined when unset. Throws
 * ConfigError when it is not an absolute http(s) origin: links in emails are built from it.
 */
export function readAppUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.APP_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("APP_URL", APP_URL_FORM);
  }
  const bare = !url.username && !url.password && url.pathname === "/" && !url.search && !url.hash && !/[?#]/.test(raw);
  if ((url.protocol !== "https:" && url.protocol !== "http:") || !bare || !/^https?:\/\/[^/\\]/i.test(raw)) throw new ConfigError("APP_URL", APP_URL_FORM);
  return url.origin;
}

/** `npm start` marks its processes as the demo: embedded PGlite, generated keys and the local mailbox are fine there. */
export function isDemo(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PROVISIO_DEMO === "1";
}

/** A real deployment: NODE_ENV=production outside the demo. */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === "production" && !isDemo(env);
}

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PROVISIO_DATA_DIR || ".data";
}
