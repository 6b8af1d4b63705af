import { sql } from "drizzle-orm";
import { z } from "zod";
import { clients, users } from "../../db/schema";
import { hashPassword } from "../../auth/password";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { parseInput, type Ctx } from "../context";

export const signUpInput = z.object({
  name: z.string().trim().min(2, "Enter at least 2 characters").max(100, "Use at most 100 characters"),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z.string().min(10, "Use at least 10 characters").max(200, "Use at most 200 characters"),
});
export type SignUpInput = z.input<typeof signUpInput>;

export type SignedUp = { userId: number; clientId: number; email: string };

const duplicate = () => new ValidationError({ email: ["This email is already registered"] });

/** A visitor registers: one client and its client user, in one transaction. */
export async function signUp({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<SignedUp> {
  const data = parseInput(signUpInput, input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${data.email}`)
        .limit(1);
      if (taken) throw duplicate();
      const [client] = await tx.insert(clients).values({ name: data.name, email: data.email }).returning();
      const [user] = await tx
        .insert(users)
        .values({ name: data.name, email: data.email, passwordHash, role: "client", clientId: client!.id })
        .returning();
      const actor = { type: "user", userId: user!.id, role: "client", clientId: client!.id } as const;
      await audit(tx, actor, { action: "sign_up", entity: "user", entityId: user!.id, after: { name: data.name, email: data.email } });
      return { userId: user!.id, clientId: client!.id, email: data.email };
    });
  } catch (error) {
    // Two sign-ups racing past the lookup: the unique index on lower(email) decides.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
