import { and, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { clients, users } from "../../db/schema";
import { consumeToken } from "../../auth/user-tokens";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, type Ctx } from "../context";

export const confirmContactEmailInput = z.object({ token: z.string().max(100) });

const expired = () => new ValidationError({ token: ["This link has expired or was already used. Save the new contact email in your profile again to get a new one."] }, "This link has expired or was already used");

/** The link sent to a new contact email: from now on it is the client's contact email. Once. */
export async function confirmContactEmail({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ clientId: number; email: string }> {
  const { token } = parseInput(confirmContactEmailInput, input);
  return ctx.db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "confirm_contact_email", now(ctx));
    if (!userId) throw expired();
    const [user] = await tx.select({ clientId: users.clientId, role: users.role }).from(users).where(eq(users.id, userId));
    if (!user?.clientId) throw expired();
    const [before] = await tx.select().from(clients).where(and(eq(clients.id, user.clientId), isNotNull(clients.pendingEmail))).for("update");
    if (!before?.pendingEmail) throw expired();
    const email = before.pendingEmail;
    await tx.update(clients).set({ email, pendingEmail: null }).where(eq(clients.id, before.id));
    const actor = { type: "user", userId, role: user.role, clientId: user.clientId } as const;
    await audit(tx, actor, { action: "client.confirm_contact_email", entity: "client", entityId: before.id, before: { email: before.email }, after: { email } });
    return { clientId: before.id, email };
  });
}
