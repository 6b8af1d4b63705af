import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, clientNotes } from "@/lib/db/schema";
import type { Actor, Ctx } from "@/lib/services/context";
import { addClientNote } from "@/lib/services/client-notes/add";
import { listClientNotes } from "@/lib/services/client-notes/list";
import * as clientRoute from "@/app/api/v1/clients/[id]/route";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser } from "../helpers/factories";

describe("notes on a client, private to staff", () => {
  let database: TestDatabase;
  let staff: Ctx;
  let admin: Ctx;
  let clientId: number;
  let clientActor: Actor;
  const db = () => database.db;
  const secret = "Asked for a discount; call back on Friday";

  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    staff = { db: db(), actor: (await createUser(db(), "staff")).actor };
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor };
    clientId = (await createClient(db())).id;
    clientActor = (await createUser(db(), "client", { clientId })).actor;
  });
  afterAll(async () => {
    releaseAppDatabase();
    await database.close();
  });

  it("staff add notes; staff and admins read them newest first with their author, audited", async () => {
    await addClientNote({ ctx: staff, input: { clientId, body: "First contact by phone" } });
    const note = await addClientNote({ ctx: admin, input: { clientId, body: `  ${secret}  ` } });
    expect(note.body).toBe(secret);
    const list = await listClientNotes({ ctx: staff, input: { clientId } });
    expect(list.map((n) => n.body)).toEqual([secret, "First contact by phone"]);
    expect(list[0]!.author).toMatch(/^admin/);
    const [row] = await db().select().from(auditLog).where(eq(auditLog.action, "client.note_add"));
    expect(row).toMatchObject({ entity: "client", entityId: String(clientId) });
  });

  it("refuses an empty note and an unknown client, writing nothing", async () => {
    const before = (await db().select().from(clientNotes)).length;
    await expect(addClientNote({ ctx: staff, input: { clientId, body: "   " } })).rejects.toMatchObject({ code: "validation" });
    await expect(addClientNote({ ctx: staff, input: { clientId: 999_999, body: "x" } })).rejects.toMatchObject({ code: "not_found" });
    expect((await db().select().from(clientNotes)).length).toBe(before);
  });

  it("the client never reads them: not as a user, not while an admin signs in as them, not in the API", async () => {
    await expect(listClientNotes({ ctx: { db: db(), actor: clientActor }, input: { clientId } })).rejects.toMatchObject({ code: "forbidden" });
    const support = { ...clientActor, supportAdminId: 1 } as Actor;
    await expect(listClientNotes({ ctx: { db: db(), actor: support }, input: { clientId } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(addClientNote({ ctx: { db: db(), actor: clientActor }, input: { clientId, body: "mine" } })).rejects.toMatchObject({ code: "forbidden" });
    const key = await makeKey(db(), ["read"], clientId);
    const answer = await call(clientRoute.GET, "GET", `/clients/${clientId}`, { key, params: { id: String(clientId) } });
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain(secret);
    expect(answer.text).not.toMatch(/notes?"/i);
  });
});
