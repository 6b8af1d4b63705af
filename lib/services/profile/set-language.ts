import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients, users } from "../../db/schema";
import { forbidden } from "../../errors";
import { locales } from "../../i18n/locales";
import { audit } from "../audit";
import { parseInput, type Ctx } from "../context";

export const setLanguageInput = z.object({ locale: z.enum(locales) });

/**
 * The language the signed-in person reads: a client's (its pages, emails, invoices) or a staff
 * member's own. An admin signed in as a client for support sets the client's. One audit row.
 */
export async function setLanguage({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { locale } = parseInput(setLanguageInput, input);
  const actor = ctx.actor;
  if (actor.type !== "user") throw forbidden("Sign in to keep a language");
  return ctx.db.transaction(async (tx) => {
    if (actor.clientId !== null) {
      const [before] = await tx.select({ locale: clients.locale }).from(clients).where(eq(clients.id, actor.clientId)).for("update");
      await tx.update(clients).set({ locale }).where(eq(clients.id, actor.clientId));
      await audit(tx, actor, { action: "client.set_language", entity: "client", entityId: actor.clientId, before, after: { locale } });
    } else {
      const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, actor.userId)).for("update");
      await tx.update(users).set({ locale }).where(eq(users.id, actor.userId));
      await audit(tx, actor, { action: "user.set_language", entity: "user", entityId: actor.userId, before, after: { locale } });
    }
    return { locale };
  });
}
