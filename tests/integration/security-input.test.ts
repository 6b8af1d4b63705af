import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { Actor, Ctx } from "@/lib/services/context";
import { listAudit } from "@/lib/services/audit/list";
import { listBalanceEntries } from "@/lib/services/balance/list-entries";
import { listClients } from "@/lib/services/clients/list";
import { listInvoices } from "@/lib/services/invoices/list";
import { listMail } from "@/lib/services/mail/list";
import { listOperations } from "@/lib/services/operations/list";
import { updateProfile } from "@/lib/services/profile/update";
import { listServices } from "@/lib/services/services/list";
import { listTasks } from "@/lib/services/tasks/list";
import { cursorParam } from "@/components/store/pager";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser } from "../helpers/factories";

/** A refusal a page or form can show (a validation error naming the field), never a database error. */
async function refusedOn(field: string, call: Promise<unknown>) {
  const outcome = await call.then(() => "accepted", (e: unknown) => e);
  expect(outcome instanceof AppError ? outcome.code : String(outcome)).toBe("validation");
  expect((outcome as AppError & { fields: Record<string, string[]> }).fields[field]?.[0]).toEqual(expect.any(String));
}

describe("odd query parameters get a clear refusal, never a 500", () => {
  let database: TestDatabase;
  let admin: Actor;
  let client: Actor;
  const ctx = (actor: Actor): Ctx => ({ db: database.db, actor });
  beforeAll(async () => {
    database = await createTestDatabase();
    admin = (await createUser(database.db, "admin")).actor;
    client = (await createUser(database.db, "client")).actor;
  });
  afterAll(async () => database.close());

  it("the client area's ?cursor= is read as an id the column holds, else the first page with a notice", async () => {
    expect(cursorParam("2147483648")).toEqual({ invalid: true });
    expect(cursorParam("99999999999999999999")).toEqual({ invalid: true });
    expect(cursorParam("1e3")).toEqual({ invalid: true });
    expect(cursorParam("-5")).toEqual({ invalid: true });
    expect(cursorParam("2147483647")).toEqual({ cursor: 2147483647, invalid: false });
    expect(cursorParam(["12", "13"])).toEqual({ cursor: 12, invalid: false });
    expect(cursorParam(undefined)).toEqual({ invalid: false });
    // What the pages then pass on lists fine.
    const { cursor } = cursorParam("2147483648");
    for (const list of [listInvoices, listServices, listBalanceEntries]) {
      await expect(list({ ctx: ctx(client), input: { cursor, limit: 20 } })).resolves.toMatchObject({ items: [] });
    }
  });

  it("the list verbs refuse a cursor beyond the id column", async () => {
    await refusedOn("cursor", listInvoices({ ctx: ctx(client), input: { cursor: "2147483648" } }));
    await refusedOn("cursor", listServices({ ctx: ctx(client), input: { cursor: "2147483648" } }));
    await refusedOn("cursor", listBalanceEntries({ ctx: ctx(client), input: { cursor: "2147483648" } }));
  });

  it("admin filters with a NUL character are refused with the field named", async () => {
    await refusedOn("q", listClients({ ctx: ctx(admin), input: { q: "a\0b" } }));
    await refusedOn("to", listMail({ ctx: ctx(admin), input: { to: "x\0@example.test" } }));
    await refusedOn("entityId", listAudit({ ctx: ctx(admin), input: { entityId: "1\0" } }));
    await refusedOn("entity", listAudit({ ctx: ctx(admin), input: { entity: "\0" } }));
  });

  it("date filters must be real days PostgreSQL can hold", async () => {
    await refusedOn("to", listOperations({ ctx: ctx(admin), input: { to: "9999-12-31" } }));
    await refusedOn("from", listOperations({ ctx: ctx(admin), input: { from: "0000-01-01" } }));
    await refusedOn("to", listOperations({ ctx: ctx(admin), input: { to: "2026-02-30" } }));
    await refusedOn("to", listOperations({ ctx: ctx(admin), input: { to: "2026-01-01\0" } }));
    await expect(listOperations({ ctx: ctx(admin), input: { from: "2026-01-01", to: "2026-12-31T10:00:00+02:00" } })).resolves.toMatchObject({ items: [] });
  });

  it("a NUL character is refused by every verb, not only lists", async () => {
    const profile = { name: "Ann\0Lee", email: "ann@example.test" };
    await refusedOn("name", updateProfile({ ctx: ctx(client), input: profile }));
    await refusedOn("status", listTasks({ ctx: ctx(admin), input: { status: "open\0" } }));
  });
});
