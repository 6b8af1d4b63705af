import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients } from "../../db/schema";
import { isCountryCode, toE164 } from "../../billing/contacts";
import { checkTaxId } from "../../billing/tax-id";
import { notFound, ValidationError } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, requireClientAccess, type Actor, type Ctx } from "../context";
import { askToConfirmContactEmail } from "./contact-email";
import { queueContactUpdates, registrantFields } from "../domains/contact-updates";

const optional = (max: number) => z.string().trim().max(max, `Use at most ${max} characters`).optional().transform((v) => v || null);

export const updateProfileInput = z.object({
  /** Whose profile: a client's own by default; admins name any client. */
  clientId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  name: z.string().trim().min(2, "Enter at least 2 characters").max(100, "Use at most 100 characters"),
  company: optional(200),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  phone: optional(40),
  address: optional(300),
  city: optional(100),
  postcode: optional(20),
  country: z.string().trim().toUpperCase().optional().transform((v) => v || null).refine((v) => v === null || isCountryCode(v), "Choose a country from the list"),
  /** Left out: unchanged. A state or province code where tax depends on it. */
  region: z.string().trim().toUpperCase().max(40, "Use at most 40 characters").optional().transform((v) => (v === undefined ? undefined : v || null)),
  /** Left out: unchanged; empty: none. Checked against the country (EU VAT number formats). */
  taxId: z.string().trim().max(40, "Use at most 40 characters").optional(),
});
export type UpdateProfileInput = z.input<typeof updateProfileInput>;

const own = (actor: Actor) => (actor.type === "user" ? actor.clientId : null);

/**
 * A client's name, organisation, contact email, phone (stored in E.164) and postal address with
 * an ISO 3166 country: the client edits its own, an admin any client's. One audit row. A contact
 * email the client changes is only pending until confirmed through a link sent to it. The tax id
 * (left out: kept) must fit the country: an EU VAT number in its state's format, stored normalised.
 */
export async function updateProfile({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = parseInput(updateProfileInput, input);
  const clientId = data.clientId ?? own(ctx.actor);
  if (!clientId) throw new ValidationError({ clientId: ["Say which client to edit"] });
  if (own(ctx.actor) === clientId) requireClientAccess(ctx.actor, clientId);
  else requireAdmin(ctx.actor);
  let phone: string | null = null;
  if (data.phone) {
    phone = toE164(data.phone, data.country);
    if (!phone) throw new ValidationError({ phone: ["Enter a phone number we can call, with its country code, e.g. +1 201 555 0123"] });
  }
  const { clientId: _ignored, email, taxId: typedTaxId, region, ...fields } = data;
  const byClient = ctx.actor.type === "user" && own(ctx.actor) === clientId ? ctx.actor : null;
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(clients).where(eq(clients.id, clientId)).for("update");
    if (!before) throw notFound("Client not found");
    const taxId = checkTaxId(data.country, typedTaxId ?? before.taxId);
    if (!taxId.ok) throw new ValidationError({ taxId: [taxId.message] });
    const taxValues = { taxId: taxId.value, ...(region === undefined ? {} : { region }) };
    // A client's new contact email waits for the link sent to it; an admin's edit applies at once.
    const changed = email !== before.email.toLowerCase();
    const emailValues = !byClient ? (changed ? { email, pendingEmail: null } : {}) : { pendingEmail: changed ? email : null };
    const [after] = await tx.update(clients).set({ ...fields, phone, ...taxValues, ...emailValues }).where(eq(clients.id, clientId)).returning();
    if (byClient && changed) await askToConfirmContactEmail(tx, { clientId, userId: byClient.userId, name: data.name, email, at: now(ctx) });
    const pick = (c: typeof before) => ({ name: c.name, company: c.company, email: c.email, pendingEmail: c.pendingEmail, phone: c.phone, address: c.address, city: c.city, postcode: c.postcode, country: c.country, region: c.region, taxId: c.taxId });
    await audit(tx, ctx.actor, { action: "client.update_profile", entity: "client", entityId: clientId, before: pick(before), after: pick(after!) });
    // The registries hold these as the owner of the client's domains: they follow the profile.
    if (registrantFields.some((f) => before[f] !== after![f])) await queueContactUpdates(tx, clientId, now(ctx));
    return after!;
  });
}
