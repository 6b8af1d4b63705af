import { and, eq, gt, inArray, ne, or } from "drizzle-orm";
import type { Conn } from "../../db";
import { clients, services } from "../../db/schema";
import type { ProductType } from "../../vocabulary";
import { missingContacts } from "../../billing/contacts";
import { translatorFor } from "../../i18n/translator";
import type { OrderNeed } from "../../modules/contract";
import { notFound, unprocessable, ValidationError } from "../../errors";

type Line = { productType: ProductType; domain?: string | null };

export const domainTakenMessage = (productType: ProductType) =>
  productType === "domain" ? "This domain is already registered with us" : "This domain is already hosted with us";
export const domainHeldMessage = "This domain is registered with us for another account: hosting for it can be ordered only by that account";

/**
 * Refuses, before any money moves, items whose domain is not free for this client:
 * - another live (not closed) service of the same kind holds it, whoever owns it;
 * - a domain registered through us belongs to its client until it expires, closed service or not:
 *   another client can neither register it nor order hosting for it;
 * - another item of the same order repeats it.
 * The unique index services_live_domain_key is the last word on live ones; this answers the client
 * in plain words first.
 */
export async function assertDomainsFree(conn: Conn, lines: Line[], owner: { clientId: number; at: Date }, field = (i: number) => `items.${i}.params.domain`): Promise<void> {
  const fields: Record<string, string[]> = {};
  const seen = new Set<string>();
  for (const [i, line] of lines.entries()) {
    if (!line.domain) continue;
    const key = `${line.productType}:${line.domain}`;
    if (seen.has(key)) fields[field(i)] = ["This domain is already in this order"];
    seen.add(key);
  }
  const named = lines.filter((l) => l.domain);
  if (named.length > 0) {
    const held = and(eq(services.productType, "domain"), gt(services.expiresAt, owner.at));
    const taken = await conn
      .select({ productType: services.productType, domain: services.domain, clientId: services.clientId, status: services.status })
      .from(services)
      .where(and(inArray(services.domain, named.map((l) => l.domain!)), or(ne(services.status, "closed"), held)));
    for (const [i, line] of lines.entries()) {
      if (!line.domain) continue;
      const rows = taken.filter((t) => t.domain === line.domain);
      const registeredToOther = rows.some((t) => t.productType === "domain" && t.clientId !== owner.clientId);
      if (rows.some((t) => t.productType === line.productType && t.status !== "closed")) fields[field(i)] = [domainTakenMessage(line.productType)];
      else if (registeredToOther) fields[field(i)] = [line.productType === "domain" ? domainTakenMessage("domain") : domainHeldMessage];
    }
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(fields, Object.values(fields)[0]![0]);
}

/**
 * Refuses the work while the client is suspended (`clients.suspended_at`): no new orders, and no
 * paying orders placed before. In a transaction it locks the client row, so a suspension that
 * commits meanwhile is seen.
 */
export async function assertClientActive(conn: Conn, clientId: number, refused: string, lock = false): Promise<void> {
  const query = conn.select({ suspendedAt: clients.suspendedAt }).from(clients).where(eq(clients.id, clientId));
  const [owner] = lock ? await query.for("update") : await query;
  refuseSuspended(owner?.suspendedAt ?? null, refused);
}

/** The same refusal, for a client row the caller has read already. */
export function refuseSuspended(suspendedAt: Date | null, refused: string): void {
  if (suspendedAt) throw unprocessable(`This account is suspended, so ${refused}. Please contact support.`, { code: "client_suspended" });
}

/**
 * A registrar needs the registrant's full contact details before anything is paid: when any item
 * needs "contacts" and the client's profile lacks some, the order is refused with the list, so
 * the store sends the client to the profile form.
 */
export async function assertContacts(conn: Conn, clientId: number, needs: Iterable<ReadonlySet<OrderNeed>>): Promise<void> {
  if (![...needs].some((n) => n.has("contacts"))) return;
  const [client] = await conn.select().from(clients).where(eq(clients.id, clientId));
  if (!client) throw notFound("Client not found");
  const fields = missingContacts(client);
  if (fields.length === 0) return;
  // The API's message and `missing` stay in English; `fields` are the codes people's pages word.
  const english = translatorFor("en");
  const missing = fields.map((f) => english(`contacts.field.${f}`));
  throw unprocessable(english("contacts.incomplete", { fields: missing.join(", ") }), { code: "contacts_incomplete", missing, fields });
}
