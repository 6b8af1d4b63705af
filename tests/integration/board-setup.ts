import { eq } from "drizzle-orm";
import { operations, tasks } from "@/lib/db/schema";
import { startIspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import type { Actor } from "@/lib/services/context";
import { writeSettings } from "@/lib/settings";
import { createTestDatabase } from "../helpers/db";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

/**
 * Two departments with their staff, an admin and a client; a Manual setup tariff in each
 * department and an ISPmanager tariff in Hosting whose failures escalate after one attempt.
 */
export async function boardWorld() {
  const database = await createTestDatabase();
  const db = database.db;
  const sim = await startIspmanagerSimulator();
  await writeSettings(db, { maxAttempts: 1 });
  const hosting = await createDepartment(db, "Hosting support");
  const domains = await createDepartment(db, "Domains");
  const staff = await createUser(db, "staff", { departmentId: hosting.id });
  const secondStaff = await createUser(db, "staff", { departmentId: hosting.id });
  const otherStaff = await createUser(db, "staff", { departmentId: domains.id });
  const admin = await createUser(db, "admin");
  const client = await createUser(db, "client");
  const manualHosting = await makeHandler(db, { module: "manual", departmentId: hosting.id });
  const manualDomains = await makeHandler(db, { module: "manual", departmentId: domains.id });
  const isp = await makeHandler(db, { module: "ispmanager", departmentId: hosting.id, connection: { url: sim.url, username: "admin", password: "secret" } });
  const tariffs = {
    hosting: (await makeTariff(db, { handlerIds: [manualHosting.id] })).id,
    domains: (await makeTariff(db, { handlerIds: [manualDomains.id] })).id,
    isp: (await makeTariff(db, { handlerIds: [isp.id] })).id,
  };
  const buyer = await createClient(db, 10_000_000);

  /** Orders and pays a service of the tariff and runs the engine: returns the service, its operation and its task. */
  async function taskFor(tariff: keyof typeof tariffs) {
    const service = await orderAndPay(db, buyer.id, tariffs[tariff]);
    await sweepOperations(db);
    const [op] = await db.select().from(operations).where(eq(operations.serviceId, service.id));
    const [task] = await db.select().from(tasks).where(eq(tasks.operationId, op!.id));
    return { service, op: op!, task: task! };
  }

  const ctx = (who: { actor: Actor }) => ({ db, actor: who.actor });
  const close = async () => {
    await sim.close();
    await database.close();
  };
  return { db, sim, hosting, domains, staff, secondStaff, otherStaff, admin, client, buyer, taskFor, ctx, close };
}

export type BoardWorld = Awaited<ReturnType<typeof boardWorld>>;

export const typed = { login: "alice", password: "Typed-by-staff-1", ip: "10.1.2.3", panel_url: "https://panel.example.test" };
