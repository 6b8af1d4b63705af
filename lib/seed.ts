import { count, eq } from "drizzle-orm";
import type { Db } from "./db";
import { balanceEntries, clients, departmentMembers, departments, users } from "./db/schema";
import { hashPassword } from "./auth/password";
import { writeSettings } from "./settings";
import { seedCatalog } from "./demo/catalog";

export const demoSignIns = [
  { role: "admin", email: "admin@provisio.test", password: "admin-demo-123", name: "Demo admin" },
  { role: "staff", email: "hosting@provisio.test", password: "staff-demo-123", department: "Hosting support", name: "Sam Hosting" },
  { role: "staff", email: "domains@provisio.test", password: "staff-demo-123", department: "Domains", name: "Dana Domains" },
  { role: "client", email: "client@provisio.test", password: "client-demo-123", name: "Demo Client" },
] as const;

export const DEMO_CLIENT_BALANCE = 500_00;

/** True when the database has no users yet (a first run). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Loads the demo data into an empty database; does nothing when users exist. */
export async function seedDemo(db: Db, extra: (tx: Db, ids: SeedIds) => Promise<void> = seedCatalog): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  await db.transaction(async (tx) => {
    const [hosting] = await tx.insert(departments).values({ name: "Hosting support", email: "hosting@provisio.test" }).returning();
    const [domains] = await tx.insert(departments).values({ name: "Domains", email: "domains@provisio.test" }).returning();
    const byName = { "Hosting support": hosting!.id, Domains: domains!.id };
    let clientId = 0;
    for (const s of demoSignIns) {
      let cid: number | null = null;
      if (s.role === "client") {
        const [client] = await tx
          .insert(clients)
          .values({ name: "Demo Client", email: s.email, country: "US", city: "Springfield", address: "1 Main St", phone: "+1.5550100" })
          .returning();
        cid = client!.id;
        clientId = cid;
      }
      const [user] = await tx
        .insert(users)
        .values({ email: s.email, name: s.name, role: s.role, clientId: cid, passwordHash: await hashPassword(s.password) })
        .returning();
      if ("department" in s) await tx.insert(departmentMembers).values({ departmentId: byName[s.department], userId: user!.id });
    }
    await tx.insert(balanceEntries).values({ clientId, kind: "credit", amount: DEMO_CLIENT_BALANCE, currency: "USD", balanceAfter: DEMO_CLIENT_BALANCE, note: "Demo credit" });
    await tx.update(clients).set({ balance: DEMO_CLIENT_BALANCE }).where(eq(clients.id, clientId));
    await writeSettings(tx, { defaultDepartmentId: hosting!.id });
    await extra(tx as unknown as Db, { clientId, hostingDepartmentId: hosting!.id, domainsDepartmentId: domains!.id });
  });
  return true;
}

export type SeedIds = { clientId: number; hostingDepartmentId: number; domainsDepartmentId: number };
