import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { seedDemo } from "@/lib/seed";
import type { Actor, Ctx } from "@/lib/services/context";
import { listBalanceEntries } from "@/lib/services/balance/list-entries";
import { listCatalog } from "@/lib/services/catalog/list";
import { getClient } from "@/lib/services/clients/get";
import { listClients } from "@/lib/services/clients/list";
import { getInvoice } from "@/lib/services/invoices/get";
import { listInvoices } from "@/lib/services/invoices/list";
import { listMail } from "@/lib/services/mail/list";
import { listOperations } from "@/lib/services/operations/list";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { getService } from "@/lib/services/services/get";
import { listServices } from "@/lib/services/services/list";
import { renewService } from "@/lib/services/services/renew";
import { requestClose } from "@/lib/services/services/request-close";
import { revealServiceSecrets } from "@/lib/services/services/reveal-secrets";
import { setAutoRenew } from "@/lib/services/services/set-auto-renew";
import { closeTask } from "@/lib/services/tasks/close";
import { getTaskEmail } from "@/lib/services/tasks/email";
import { getTask } from "@/lib/services/tasks/get";
import { handBackTask } from "@/lib/services/tasks/hand-back";
import { listTasks } from "@/lib/services/tasks/list";
import { reassignTask } from "@/lib/services/tasks/reassign";
import { takeTask } from "@/lib/services/tasks/take";
import { revokeApiKey } from "@/lib/services/api-keys/revoke";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { adminRuns, adminVerbs, staffRuns, staffVerbs, type Ids } from "./admin-access-cases";

/** Ids as they arrive from URLs and forms: too large for the column, negative, not a number, not whole. */
const badIds: unknown[] = [99_999_999_999, -1, "abc", Number.NaN, 1.5, 0];

type Call = [string, (ctx: Ctx, id: never) => Promise<unknown>];

/** Client-area and board verbs that take an id from a URL, a form or a filter. */
const ownVerbs: Call[] = [
  ["getService", (ctx, id) => getService({ ctx, input: { serviceId: id } })],
  ["renewService", (ctx, id) => renewService({ ctx, input: { serviceId: id } })],
  ["requestClose", (ctx, id) => requestClose({ ctx, input: { serviceId: id } })],
  ["setAutoRenew", (ctx, id) => setAutoRenew({ ctx, input: { serviceId: id, autoRenew: true } })],
  ["revealServiceSecrets", (ctx, id) => revealServiceSecrets({ ctx, input: { serviceId: id } })],
  ["getInvoice", (ctx, id) => getInvoice({ ctx, input: { invoiceId: id } })],
  ["payOrder", (ctx, id) => payOrder({ ctx, input: { orderId: id } })],
  ["createOrder", (ctx, id) => createOrder({ ctx, input: { items: [{ tariffId: id, months: 1 }] } })],
  ["listCatalog", (ctx, id) => listCatalog({ ctx, input: { tariffId: id } })],
  ["getClient", (ctx, id) => getClient({ ctx, input: { clientId: id } })],
  ["listServices cursor", (ctx, id) => listServices({ ctx, input: { cursor: id } })],
  ["listInvoices cursor", (ctx, id) => listInvoices({ ctx, input: { cursor: id } })],
  ["listBalanceEntries cursor", (ctx, id) => listBalanceEntries({ ctx, input: { cursor: id } })],
];
const boardVerbs: Call[] = [
  ["getTask", (ctx, id) => getTask({ ctx, input: { taskId: id } })],
  ["getTaskEmail", (ctx, id) => getTaskEmail({ ctx, input: { taskId: id } })],
  ["takeTask", (ctx, id) => takeTask({ ctx, input: { taskId: id } })],
  ["handBackTask", (ctx, id) => handBackTask({ ctx, input: { taskId: id } })],
  ["closeTask", (ctx, id) => closeTask({ ctx, input: { taskId: id, note: "done" } })],
  ["reassignTask", (ctx, id) => reassignTask({ ctx, input: { taskId: id, assigneeId: id } })],
  ["listTasks cursor", (ctx, id) => listTasks({ ctx, input: { cursor: id, departmentId: id } })],
  ["listOperations filters", (ctx, id) => listOperations({ ctx, input: { cursor: id, clientId: id, handlerId: id } })],
  ["listClients cursor", (ctx, id) => listClients({ ctx, input: { cursor: id } })],
  ["listMail filters", (ctx, id) => listMail({ ctx, input: { cursor: id, clientId: id } })],
  ["revokeApiKey", (ctx, id) => revokeApiKey({ ctx, input: { apiKeyId: id } })],
];

/** A refusal the UI can show: one of our errors, never a database error (a 500). */
function expectClearRefusal(name: string, outcome: unknown) {
  if (outcome === "done") return;
  expect(outcome instanceof AppError ? outcome.code : `${name} threw ${String(outcome)}`, name).toMatch(/^(validation|not_found|forbidden|conflict|unprocessable)$/);
}

describe("out-of-range and malformed ids never reach the database", () => {
  let database: TestDatabase;
  const actors = {} as Record<"admin" | "staff" | "client", Actor>;
  const ctx = (who: keyof typeof actors): Ctx => ({ db: database.db, actor: actors[who] });
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    for (const u of await database.db.select().from(users)) actors[u.role] = { type: "user", userId: u.id, role: u.role, clientId: u.clientId };
  });
  afterAll(async () => database.close());

  it.each(badIds)("refuses id %s on every client-area, board and admin verb with a clear error", async (bad) => {
    for (const [name, call] of ownVerbs) expectClearRefusal(name, await call(ctx("client"), bad as never).then(() => "done", (e: unknown) => e));
    for (const [name, call] of boardVerbs) expectClearRefusal(name, await call(ctx("admin"), bad as never).then(() => "done", (e: unknown) => e));
    const ids = Object.fromEntries(["clientId", "staffUserId", "handlerId", "departmentId", "tariffId", "tariffIdToOrder", "serviceId", "operationId", "emailId"].map((k) => [k, bad])) as unknown as Ids;
    for (const [name, call] of [...adminVerbs, ...staffVerbs]) expectClearRefusal(name, await call(ctx("admin"), ids).then(() => "done", (e: unknown) => e));
    // The server actions answer with a message instead of throwing.
    for (const [name, run] of [...adminRuns, ...staffRuns]) {
      const state = await run(ctx("admin"), ids).catch((e: unknown) => ({ thrown: String(e) }));
      expect("thrown" in state ? state.thrown : "answered", name).toBe("answered");
    }
  });

  it("answers invalid filters with field errors", async () => {
    const long = await listClients({ ctx: ctx("admin"), input: { q: "x".repeat(101) } }).catch((e: unknown) => e);
    expect(long).toMatchObject({ code: "validation", fields: { q: [expect.any(String)] } });
    const cursor = await listClients({ ctx: ctx("admin"), input: { cursor: "abc" } }).catch((e: unknown) => e);
    expect(cursor).toMatchObject({ code: "validation", fields: { cursor: [expect.any(String)] } });
  });
});
