import type { AuditEntry } from "@/lib/services/audit/list";

/** "Admin Ann as client Acme Ltd" for a change made while signed in as a client, else who did it. */
export function auditActor(a: Pick<AuditEntry, "actorName" | "actorApiKeyId" | "onBehalfOfClientId" | "onBehalfOfClientName">): string {
  const actor = a.actorName ?? (a.actorApiKeyId ? `API key #${a.actorApiKeyId}` : "system");
  if (a.onBehalfOfClientId === null) return actor;
  return `Admin ${actor} as client ${a.onBehalfOfClientName ?? `#${a.onBehalfOfClientId}`}`;
}
