import { ConfigError, isProduction, readAppUrl } from "../env";

/**
 * The public address of the app, for every absolute link in an email: APP_URL, never the request's
 * Host or X-Forwarded-Host (a forged header would send a reset link elsewhere). Required in
 * production; elsewhere it defaults to http://localhost:<PORT or 3000>.
 */
export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = readAppUrl(env);
  if (configured) return configured;
  if (isProduction(env)) throw new ConfigError("APP_URL", "is required when NODE_ENV=production: the public address of the app, e.g. https://billing.example.com");
  return `http://localhost:${env.PORT || 3000}`;
}

/** An absolute link to a path of the app, e.g. appLink("/reset-password/<token>"). */
export function appLink(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return `${appUrl(env)}/${path.replace(/^\/+/, "")}`;
}
