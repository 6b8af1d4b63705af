import { decryptJson } from "@/lib/crypto";
import { isDemo, isProduction } from "@/lib/env";

/** Where the local mailbox prints one-time links: the demo (`npm start`) and `npm run dev`, never production. */
export function printsDemoLinks(env: NodeJS.ProcessEnv = process.env): boolean {
  return !isProduction(env) && (isDemo(env) || env.NODE_ENV === "development");
}

/**
 * In the demo no email leaves the machine and the in-app mailbox never shows one-time links, so a
 * newcomer finds the link to confirm a sign-up (or reset a password) in the terminal running the app.
 */
export function printDemoLink(row: { to: string; subject: string; template: string; props: string }): void {
  if (row.template !== "account-link" || !printsDemoLinks()) return;
  const { url } = decryptJson<{ url?: string }>(row.props);
  if (url) console.log(`Demo mailbox: "${row.subject}" for ${row.to}: ${url}`);
}
