import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, clients, services } from "@/lib/db/schema";
import { encryptJson } from "@/lib/crypto";
import { encodeSupportGrant, supportActor } from "@/lib/auth/support-session";
import type { Actor } from "@/lib/services/context";
import { listAudit } from "@/lib/services/audit/list";
import { updateProfile } from "@/lib/services/profile/update";
import { revealServiceSecrets } from "@/lib/services/services/reveal-secrets";
import { auditActor } from "@/components/admin/audit-actor";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { creditBalance } from "@/lib/services/balance/credit";
import { createUser, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

describe("changes made while an admin is signed in as a client name the admin", () => {
  let database: TestDatabase;
  let admin: Awaited<ReturnType<typeof createUser>>;
  let client: Awaited<ReturnType<typeof createUser>>;
  let support: Actor;
  let serviceId: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = await createUser(db(), "admin");
    client = await createUser(db(), "client");
    const clientId = client.user.clientId!;
    const cookie = encodeSupportGrant({ adminUserId: admin.user.id, clientUserId: client.user.id, clientId, exp: Date.now() + 60_000 });
    support = (await supportActor(db(), admin.user.id, cookie))!;
    const handler = await makeHandler(db(), { module: "manual" });
    const tariff = await makeTariff(db(), { handlerIds: [handler.id] });
    await creditBalance({ ctx: sys(db()), input: { clientId, amount: 10_000 } });
    serviceId = (await orderAndPay(db(), clientId, tariff.id)).id;
    await db().update(services).set({ status: "active", secrets: encryptJson({ password: "s3cret-pass" }) }).where(eq(services.id, serviceId));
  });
  afterAll(async () => database.close());

  it("a password reveal is audited as the admin on behalf of the client", async () => {
    expect(await revealServiceSecrets({ ctx: { db: db(), actor: support }, input: { serviceId } })).toEqual({ password: "s3cret-pass" });
    const [row] = await db().select().from(auditLog).where(and(eq(auditLog.action, "service.reveal_secrets"), eq(auditLog.entityId, String(serviceId))));
    expect(row).toMatchObject({ actorUserId: admin.user.id, onBehalfOfClientId: client.user.clientId });
  });

  it("a profile change is audited the same way, and the audit list says 'Admin X as client Y'", async () => {
    const clientId = client.user.clientId!;
    await updateProfile({ ctx: { db: db(), actor: support }, input: { name: "Helped Ltd", email: "helped@example.test" } });
    const [row] = await db().select().from(auditLog).where(and(eq(auditLog.action, "client.update_profile"), eq(auditLog.entityId, String(clientId))));
    expect(row).toMatchObject({ actorUserId: admin.user.id, onBehalfOfClientId: clientId });

    const { items } = await listAudit({ ctx: { db: db(), actor: admin.actor }, input: { entity: "client", entityId: String(clientId) } });
    const entry = items.find((a) => a.action === "client.update_profile")!;
    expect(auditActor(entry)).toBe(`Admin ${admin.user.name} as client Helped Ltd`);
  });

  it("the client's own changes stay the client's, without an on-behalf-of", async () => {
    const clientId = client.user.clientId!;
    await updateProfile({ ctx: { db: db(), actor: client.actor }, input: { name: "Own Change Ltd", email: "own@example.test" } });
    const rows = await db().select().from(auditLog).where(and(eq(auditLog.action, "client.update_profile"), eq(auditLog.actorUserId, client.user.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.onBehalfOfClientId).toBeNull();
    const [c] = await db().select().from(clients).where(eq(clients.id, clientId));
    expect(c!.name).toBe("Own Change Ltd");
    const { items } = await listAudit({ ctx: { db: db(), actor: admin.actor }, input: { entity: "client", entityId: String(clientId) } });
    expect(auditActor(items.find((a) => a.actorUserId === client.user.id)!)).toBe(client.user.name);
  });
});
