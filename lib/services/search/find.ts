import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { asc, eq, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { clients, invoices, services } from "../../db/schema";
import { isDbId } from "../../ids";
import { parseInput, requireStaff, type Ctx } from "../context";
import { textFilter } from "../page";

export const findInput = z.object({ q: textFilter(200).pipe(z.string().min(1, "Type something to search for")) });

const PER_KIND = 8;
/** Past every character a prefix can be followed by: with `~>=~` it bounds an index range (text_pattern_ops). */
const TOP = "\u{10FFFF}";

/** `expr` starts with `prefix`, as a range an index on `expr text_pattern_ops` answers, prepared or not. */
function startsWith(expr: SQL, prefix: string): SQL {
  return sql`(${expr} ~>=~ ${prefix} and ${expr} ~<~ ${prefix + TOP})`;
}

/** What the box holds, as the forms each kind is stored in. */
function readQuery(q: string) {
  const bare = q.replace(/^#/, "");
  const id = /^\d{1,10}$/.test(bare) && isDbId(Number(bare)) ? Number(bare) : null;
  const lower = q.toLowerCase();
  const domain = /^[^\s@/]+$/.test(lower) ? domainToASCII(lower) || null : null;
  const ip = /^[0-9a-f.:]+$/.test(lower) && /[.:]/.test(lower) ? lower : null;
  return { id, lower, domain, ip: ip && (isIP(ip) || ip.length >= 2) ? ip : null };
}

/**
 * The admin's search box: clients by name or email, services by id, domain (typed in Unicode too),
 * panel name or IP address, invoices by number. Prefix and equality lookups only, each on an index.
 */
export async function find({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { q } = parseInput(findInput, input);
  const { id, lower, domain, ip } = readQuery(q);
  const serviceMatch = [
    id !== null ? eq(services.id, id) : undefined,
    startsWith(sql`lower(${services.remoteName})`, lower),
    domain ? startsWith(sql`${services.domain}`, domain) : undefined,
    ip ? startsWith(sql`(${services.details} ->> 'ip')`, ip) : undefined,
  ].filter((c): c is SQL => c !== undefined);
  const [clientRows, serviceRows, invoiceRows] = await Promise.all([
    ctx.db
      .select({ id: clients.id, name: clients.name, email: clients.email })
      .from(clients)
      .where(or(id !== null ? eq(clients.id, id) : undefined, startsWith(sql`lower(${clients.email})`, lower), startsWith(sql`lower(${clients.name})`, lower)))
      .orderBy(asc(clients.id))
      .limit(PER_KIND),
    ctx.db
      .select({ id: services.id, remoteName: services.remoteName, domain: services.domain, ip: sql<string | null>`${services.details} ->> 'ip'`, status: services.status, clientId: services.clientId, clientName: clients.name })
      .from(services)
      .innerJoin(clients, eq(clients.id, services.clientId))
      .where(or(...serviceMatch))
      .orderBy(asc(services.id))
      .limit(PER_KIND),
    ctx.db
      .select({ id: invoices.id, number: invoices.number, clientId: invoices.clientId, amount: invoices.amount, currency: invoices.currency, status: invoices.status })
      .from(invoices)
      // by id, or by the number as printed (exact, on its unique index)
      .where(or(id !== null ? eq(invoices.id, id) : undefined, eq(invoices.number, q.trim()), eq(invoices.number, q.trim().toUpperCase())))
      .orderBy(asc(invoices.id))
      .limit(PER_KIND),
  ]);
  return { q, clients: clientRows, services: serviceRows, invoices: invoiceRows };
}
