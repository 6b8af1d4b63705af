import { sql } from "drizzle-orm";
import { z } from "zod";
import { currencyCode } from "../../billing/currency";
import { clients, users } from "../../db/schema";
import { hashPassword } from "../../auth/password";
import { newPassword } from "../../auth/password-strength";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";
import { queueInvitation, unusablePasswordHash } from "../users/invitation";

const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => v || null);

export const createClientInput = z.object({
  name: z.string().trim().min(2, "Enter at least 2 characters").max(100),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  company: optionalText(200),
  phone: optionalText(50),
  country: optionalText(2),
  city: optionalText(100),
  address: optionalText(300),
  currency: currencyCode.default("USD"),
  /** When given, the client also gets a sign-in with this email and password (the same rule as every password). */
  password: newPassword.optional(),
  /** Without a password: true gives the client a sign-in and emails it a link to choose its own password. */
  invite: z.boolean().default(false),
});

/** An admin adds a client, optionally with its sign-in (a password, or an invitation to choose one); one audit row. */
export async function createClient({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { password, invite, ...data } = parseInput(createClientInput, input);
  const invited = !password && invite;
  const passwordHash = password ? await hashPassword(password) : invited ? await unusablePasswordHash() : null;
  return ctx.db.transaction(async (tx) => {
    if (passwordHash) {
      const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${data.email}`);
      if (taken) throw new ValidationError({ email: ["A user with this email exists"] });
    }
    const [client] = await tx.insert(clients).values(data).returning();
    let userId: number | null = null;
    if (passwordHash) {
      const [user] = await tx.insert(users).values({ email: data.email, name: data.name, role: "client", clientId: client!.id, passwordHash }).returning({ id: users.id });
      userId = user!.id;
      if (invited) await queueInvitation(tx, { id: userId, email: data.email, name: data.name, clientId: client!.id }, now(ctx));
    }
    await audit(tx, ctx.actor, { action: "client.create", entity: "client", entityId: client!.id, after: { ...data, signIn: userId !== null, invited } });
    return { client: client!, userId, invited };
  });
}
