const MIB_PER_GIB = 1024;

/** Tariff resource keys → ISPmanager limits. Keys that already start with "limit_" pass unchanged. */
const LIMITS: Record<string, { limit: string; factor?: number }> = {
  // Hosting tariffs quote disk in GiB; limit_quota is in MiB.
  disk: { limit: "limit_quota", factor: MIB_PER_GIB },
  databases: { limit: "limit_db" },
  sites: { limit: "limit_webdomains" },
  domains: { limit: "limit_domains" },
  mailboxes: { limit: "limit_emails" },
  ftp_users: { limit: "limit_ftp_users" },
};

export function limitsFor(resources: Record<string, number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, amount] of Object.entries(resources)) {
    if (key.startsWith("limit_")) out[key] = String(amount);
    else if (LIMITS[key]) out[LIMITS[key].limit] = String(amount * (LIMITS[key].factor ?? 1));
  }
  return out;
}
