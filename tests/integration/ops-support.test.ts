import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, users } from "@/lib/db/schema";
import { decodeSupportGrant, encodeSupportGrant, supportActor } from "@/lib/auth/support-session";
import type { Ctx } from "@/lib/services/context";
import { supportClient } from "@/lib/services/clients/support";
import { runStartSupport } from "@/app/admin/clients/run";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser } from "../helpers/factories";

const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

describe("signing in as a client for support", () => {
  let database: TestDatabase;
  let admin: Ctx & { actor: { type: "user"; userId: number } };
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    const a = await createUser(db(), "admin");
    admin = { db: db(), actor: { ...a.actor, userId: a.user.id } as Ctx["actor"] & { type: "user"; userId: number } };
  });
  afterAll(async () => database.close());

  it("gives the admin the client's user only with a valid, unexpired grant of that admin", async () => {
    const clientUser = await createUser(db(), "client");
    const clientId = clientUser.user.clientId!;
    const state = await runStartSupport(admin, form({ clientId: String(clientId) }));
    expect(state).toMatchObject({ ok: true, redirectTo: "/account", support: { clientId, clientUserId: clientUser.user.id } });
    const grant = { adminUserId: admin.actor.userId, clientUserId: clientUser.user.id, clientId, exp: Date.now() + 60_000 };
    const cookie = encodeSupportGrant(grant);
    expect(decodeSupportGrant(cookie)).toEqual(grant);
    expect(await supportActor(db(), admin.actor.userId, cookie)).toEqual({ type: "user", userId: clientUser.user.id, role: "client", clientId, supportAdminId: admin.actor.userId });

    const otherAdmin = await createUser(db(), "admin");
    expect(await supportActor(db(), otherAdmin.user.id, cookie)).toBeNull();
    expect(decodeSupportGrant(encodeSupportGrant({ ...grant, exp: Date.now() - 1 }))).toBeNull();
    const [body, mac] = cookie.split(".");
    const forged = Buffer.from(JSON.stringify({ ...grant, clientUserId: otherAdmin.user.id })).toString("base64url");
    expect(decodeSupportGrant(`${forged}.${mac}`)).toBeNull();
    expect(decodeSupportGrant(`${body}.`)).toBeNull();
    await db().update(users).set({ disabled: true }).where(eq(users.id, clientUser.user.id));
    expect(await supportActor(db(), admin.actor.userId, cookie)).toBeNull();

    const rows = await db().select().from(auditLog).where(and(eq(auditLog.entity, "client"), eq(auditLog.entityId, String(clientId))));
    expect(rows.map((r) => r.action)).toEqual(["client.support_start"]);
    await supportClient({ ctx: admin, input: { clientId, end: true } });
    const after = await db().select().from(auditLog).where(and(eq(auditLog.entity, "client"), eq(auditLog.entityId, String(clientId))));
    expect(after.map((r) => r.action)).toEqual(["client.support_start", "client.support_end"]);
  });

  it("refuses a client without a sign-in, and anyone but an admin", async () => {
    const bare = await createClient(db());
    expect(await runStartSupport(admin, form({ clientId: String(bare.id) }))).toMatchObject({ code: "unprocessable", error: expect.stringContaining("no sign-in") });
    const staff = await createUser(db(), "staff");
    expect(await runStartSupport({ db: db(), actor: staff.actor }, form({ clientId: String(bare.id) }))).toMatchObject({ code: "forbidden" });
  });
});
