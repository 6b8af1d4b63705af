import { ConfigError, isDemo, isProduction, readAppUrl, readDatabaseUrl } from "../env";

/** Which process is starting: the web server, a runner worker, a Trigger.dev task, or a CLI. */
export type ProcessRole = "web" | "worker" | "task" | "cli";

const NODE_ENVS = ["production", "development", "test"];
const POSITIVE_INTEGERS = ["PROCESSING_CONCURRENCY", "PROCESSING_LEASE_MS", "PROCESSING_POLL_MS", "MIGRATE_WAIT_SECONDS", "WEB_DRAIN_SECONDS"];

/**
 * Every configuration problem of a process about to start, each naming its variable. Checked
 * before anything runs, so a missing key stops the process instead of failing every request.
 */
export function configProblems(role: ProcessRole, env: NodeJS.ProcessEnv = process.env): ConfigError[] {
  const problems: ConfigError[] = [];
  const problem = (variable: string, message: string) => problems.push(new ConfigError(variable, message));
  const set = (name: string) => Boolean(env[name]?.trim());

  let databaseUrl: string | undefined;
  try {
    databaseUrl = readDatabaseUrl(env);
  } catch (error) {
    problems.push(error as ConfigError);
  }
  try {
    readAppUrl(env);
  } catch (error) {
    problems.push(error as ConfigError);
  }
  if (env.NODE_ENV && !NODE_ENVS.includes(env.NODE_ENV)) problem("NODE_ENV", `must be one of ${NODE_ENVS.join(", ")}`);
  if (role === "worker" && !env.NODE_ENV && !isDemo(env)) {
    problem("NODE_ENV", "must be set for a worker (production on a server): it decides which .env files and keys apply");
  }
  if (set("APP_ENCRYPTION_KEY") && !isKey(env.APP_ENCRYPTION_KEY!.trim())) {
    problem("APP_ENCRYPTION_KEY", "must be 32 bytes, as base64 or 64 hex digits (openssl rand -base64 32)");
  }
  if (set("APP_ENCRYPTION_KEY_OLD") && !isKey(env.APP_ENCRYPTION_KEY_OLD!.trim())) {
    problem("APP_ENCRYPTION_KEY_OLD", "must be 32 bytes, as base64 or 64 hex digits: the key before the rotation");
  }
  if (set("APP_ENCRYPTION_KEY_OLD") && !set("APP_ENCRYPTION_KEY")) problem("APP_ENCRYPTION_KEY", "is required with APP_ENCRYPTION_KEY_OLD: it is the new key");
  if (set("AUTH_SECRET") && env.AUTH_SECRET!.trim().length < 32) problem("AUTH_SECRET", "must be at least 32 characters (openssl rand -base64 32)");
  for (const name of POSITIVE_INTEGERS) {
    if (set(name) && !/^[1-9]\d*$/.test(env[name]!.trim())) problem(name, "must be a positive whole number");
  }
  if (set("DATABASE_POOL_MAX") && !isPoolSize(env.DATABASE_POOL_MAX!)) {
    problem("DATABASE_POOL_MAX", `must be a whole number from 1 to ${POOL_MAX_LIMIT}: connections per process (keep the total under PostgreSQL's max_connections)`);
  }
  if (set("EMAIL_FROM") && !isEmailFrom(env.EMAIL_FROM!)) problem("EMAIL_FROM", "must be an address, billing@example.com or Name <billing@example.com>");
  if (set("METRICS_PORT") && !isPort(env.METRICS_PORT!)) problem("METRICS_PORT", "must be a port number from 1 to 65535");
  if (set("STRIPE_API_URL") && !isHttpUrl(env.STRIPE_API_URL!)) problem("STRIPE_API_URL", "must be an http(s) address, e.g. https://api.stripe.com");

  const production = isProduction(env);
  if (role === "task" || production) {
    const why = role === "task" ? "for Trigger.dev tasks" : "when NODE_ENV=production";
    if (!databaseUrl && !problems.some((p) => p.variable === "DATABASE_URL")) {
      problem("DATABASE_URL", `is required ${why} (embedded PGlite is for the demo and development)`);
    }
    if (!set("APP_ENCRYPTION_KEY")) problem("APP_ENCRYPTION_KEY", `is required ${why}: it decrypts handler credentials, service passwords and emails`);
  }
  if (production) {
    if (role === "web" && !set("AUTH_SECRET")) problem("AUTH_SECRET", "is required when NODE_ENV=production: it signs the sign-in sessions");
    if (role !== "cli" && !set("RESEND_API_KEY")) {
      problem("RESEND_API_KEY", "is required when NODE_ENV=production: without it no email would leave (the local mailbox is for the demo)");
    }
    if (role !== "cli" && !set("APP_URL")) {
      problem("APP_URL", "is required when NODE_ENV=production: the site's public address (e.g. https://billing.example.com); links in emails are built from it, never from the request's Host");
    }
    if (role !== "cli" && !set("EMAIL_FROM")) problem("EMAIL_FROM", "is required when NODE_ENV=production: an address on a domain verified with Resend");
    if (role === "web" && set("STRIPE_SECRET_KEY") && !set("STRIPE_WEBHOOK_SECRET")) {
      problem("STRIPE_WEBHOOK_SECRET", "is required with STRIPE_SECRET_KEY when NODE_ENV=production: without it no card payment is ever confirmed (whsec_… of the endpoint /api/payments/stripe)");
    }
    if (role !== "cli" && !set("INVOICE_SELLER_NAME")) {
      problem("INVOICE_SELLER_NAME", "is required when NODE_ENV=production: the provider's legal name printed on every invoice (with INVOICE_SELLER_ADDRESS, _TAX_ID, _EMAIL)");
    }
  }
  return problems;
}

/** Throws the first configuration problem, a ConfigError naming its variable. */
export function assertConfig(role: ProcessRole, env: NodeJS.ProcessEnv = process.env): void {
  const [first] = configProblems(role, env);
  if (first) throw first;
}

/** For process start-up: prints every problem, one per line, and exits with status 78 (configuration error). */
export function exitOnConfigProblems(role: ProcessRole, env: NodeJS.ProcessEnv = process.env): void {
  const problems = configProblems(role, env);
  if (problems.length === 0) return;
  for (const p of problems) console.error(`Cannot start the ${role}: ${p.message}`);
  process.exit(78);
}

/**
 * For a problem found once the database is open (its key check value, migrations this code does not
 * know): a ConfigError is printed like the others and ends the process with status 78.
 */
export function exitOnConfigError(role: ProcessRole, error: unknown): void {
  if (!(error instanceof Error) || error.name !== "ConfigError") return;
  console.error(`Cannot start the ${role}: ${error.message}`);
  process.exit(78);
}

/** The most connections one process may open (postgres.js pool). */
export const POOL_MAX_LIMIT = 500;

/** DATABASE_POOL_MAX: connections per process, 20 when unset. Checked at start-up by configProblems. */
export function poolSize(env: Record<string, string | undefined> = process.env): number {
  const raw = env.DATABASE_POOL_MAX?.trim();
  return raw && isPoolSize(raw) ? Number(raw) : 20;
}

function isPoolSize(text: string): boolean {
  return /^[1-9]\d*$/.test(text.trim()) && Number(text.trim()) <= POOL_MAX_LIMIT;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}

function isPort(text: string): boolean {
  return /^[1-9]\d*$/.test(text.trim()) && Number(text.trim()) <= 65535;
}

const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\].]+$/;

/** EMAIL_FROM as Resend takes it: `billing@example.com` or `Name <billing@example.com>`. */
export function isEmailFrom(text: string): boolean {
  const value = text.trim();
  const named = /^([^<>@\r\n]*?)\s*<([^<>]+)>$/.exec(value);
  if (named) return named[1].trim().length > 0 && ADDRESS.test(named[2]);
  return ADDRESS.test(value);
}

function isKey(text: string): boolean {
  const bytes = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  return bytes.length === 32;
}
