import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, clients, departmentMembers, departments, emailOutbox, operationAttempts, operations, orders, services } from "@/lib/db/schema";
import { AppError, ValidationError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue";
import { serviceEmail } from "@/lib/email/service-emails";
import { readSettings, writeSettings } from "@/lib/settings";
import type { Ctx } from "@/lib/services/context";
import { listAudit } from "@/lib/services/audit/list";
import { createClient as createClientVerb } from "@/lib/services/clients/create";
import { listClients } from "@/lib/services/clients/list";
import { placeOrderForClient } from "@/lib/services/clients/place-order";
import { addDepartmentMember } from "@/lib/services/departments/add-member";
import { createDepartment } from "@/lib/services/departments/create";
import { deleteDepartment } from "@/lib/services/departments/delete";
import { listDepartments } from "@/lib/services/departments/list";
import { removeDepartmentMember } from "@/lib/services/departments/remove-member";
import { updateDepartment } from "@/lib/services/departments/update";
import { getMail } from "@/lib/services/mail/get";
import { listMail } from "@/lib/services/mail/list";
import { resendMail } from "@/lib/services/mail/resend";
import { operationStats } from "@/lib/services/stats/operations";
import { authenticate } from "@/lib/services/users/authenticate";
import { createStaffUser } from "@/lib/services/users/create-staff";
import { runUpdateSettings } from "@/app/admin/settings/run";
import { runPlaceOrder } from "@/app/admin/clients/run";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createUser, makeHandler, makeTariff } from "../helpers/factories";

const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};
const fail = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe("admin verbs for clients, departments, staff, settings, mail, audit and stats", () => {
  let database: TestDatabase;
  let ctx: Ctx;
  let tariffId: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = { db: database.db, actor: (await createUser(database.db, "admin")).actor };
    const handler = await makeHandler(db(), { module: "manual" });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id], price: 700 })).id;
  });
  afterAll(async () => database.close());

  it("adds a client with a sign-in, refuses its email twice, and finds it by search", async () => {
    const { client, userId } = await createClientVerb({ ctx, input: { name: "Acme Hosting", email: "Ops@Acme.test", company: "Acme", password: "a long password 1" } });
    expect(client).toMatchObject({ name: "Acme Hosting", email: "ops@acme.test", company: "Acme", balance: 0, currency: "USD" });
    expect(await authenticate({ ctx, input: { email: "ops@acme.test", password: "a long password 1" } })).toMatchObject({ id: userId, role: "client", clientId: client.id });
    const again = await fail(createClientVerb({ ctx, input: { name: "Acme Two", email: "ops@acme.test", password: "another password" } }));
    expect((again as ValidationError).fields.email).toEqual(["A user with this email exists"]);
    expect((await listClients({ ctx, input: { q: "acme" } })).items.map((c) => c.id)).toEqual([client.id]);
    expect((await listClients({ ctx, input: { q: "nobody-like-this" } })).items).toEqual([]);
  });

  it("pages clients newest first with a cursor", async () => {
    for (let i = 0; i < 3; i++) await createClient(db());
    const first = await listClients({ ctx, input: { limit: 2 } });
    const second = await listClients({ ctx, input: { limit: 2, cursor: first.nextCursor } });
    const all = (await listClients({ ctx, input: { limit: 200 } })).items.map((c) => c.id);
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual(all.slice(0, 4));
    expect(all).toEqual([...all].sort((a, b) => b - a));
  });

  it("orders for a client and pays from its balance: one service and its open operation", async () => {
    const client = await createClient(db(), 1000);
    const state = await runPlaceOrder(ctx, form({ clientId: String(client.id), item: `${tariffId}:1` }));
    expect(state.error).toBeUndefined();
    const [service] = await db().select().from(services).where(eq(services.clientId, client.id));
    expect(service).toMatchObject({ status: "processing", tariffId, months: 1 });
    expect(await db().select({ kind: operations.kind, status: operations.status }).from(operations).where(eq(operations.serviceId, service!.id))).toEqual([{ kind: "open", status: "queued" }]);
    expect((await db().select().from(clients).where(eq(clients.id, client.id)))[0]!.balance).toBe(300);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "order.place_for_client"));
    expect(audit!.after).toMatchObject({ clientId: client.id, tariffId, paid: true, serviceIds: [service!.id] });
  });

  it("orders with add-ons, an OS and a host name like the store, and marks a bad add-on on its own field", async () => {
    const manual = await makeHandler(db(), { module: "manual", productType: "vps" });
    const ram = { key: "ram", label: "RAM", unit: "GiB", amount: 2, addon: true, maxExtra: 4, unitPrice: 200 };
    const vps = (await makeTariff(db(), { handlerIds: [manual.id], productType: "vps", template: null, price: 1000, resources: [ram] })).id;
    const client = await createClient(db(), 10_000);
    const values = { clientId: String(client.id), item: `${vps}:1`, "addons.ram": "3", hostname: "web1.example.com", os: "Debian 12" };
    const bad = await runPlaceOrder(ctx, form({ ...values, "addons.ram": "9" }));
    expect(bad.fields).toEqual({ "addons.ram": ["Choose from 0 to 4"] });
    expect(await db().select().from(orders).where(eq(orders.clientId, client.id))).toEqual([]);
    const state = await runPlaceOrder(ctx, form(values));
    expect(state.error).toBeUndefined();
    const [service] = await db().select().from(services).where(eq(services.clientId, client.id));
    expect(service).toMatchObject({ tariffId: vps, resources: { ram: 5 }, params: { hostname: "web1.example.com", os: "Debian 12" } });
    expect((await db().select().from(clients).where(eq(clients.id, client.id)))[0]!.balance).toBe(10_000 - 1000 - 3 * 200);
  });

  it("leaves the order unpaid and says why when the balance is short", async () => {
    const client = await createClient(db(), 100);
    const error = await fail(placeOrderForClient({ ctx, input: { clientId: client.id, tariffId, months: 1 } }));
    expect(error!.code).toBe("unprocessable");
    expect(error!.message).toMatch(/Insufficient funds/);
    expect(await db().select({ status: orders.status }).from(orders).where(eq(orders.clientId, client.id))).toEqual([{ status: "unpaid" }]);
    expect(await db().select().from(services).where(eq(services.clientId, client.id))).toEqual([]);
    const missing = await fail(placeOrderForClient({ ctx, input: { clientId: 999_999, tariffId, months: 1 } }));
    expect(missing!.code).toBe("not_found");
  });

  it("asks for a hosting order's site domain on the form's own field, and orders nothing without it", async () => {
    const handler = await makeHandler(db(), { module: "ispmanager", connection: { url: "http://127.0.0.1:9", username: "a", password: "b" } });
    const hosting = await makeTariff(db(), { handlerIds: [handler.id] });
    const client = await createClient(db(), 100_000);
    const error = await fail(placeOrderForClient({ ctx, input: { clientId: client.id, tariffId: hosting.id, months: 1 } }));
    expect(Object.keys((error as ValidationError).fields)).toEqual(["domain"]);
    expect(await db().select().from(orders).where(eq(orders.clientId, client.id))).toEqual([]);
  });

  it("manages departments and their staff", async () => {
    const d = await createDepartment({ ctx, input: { name: "VPS support", email: "vps@provisio.test" } });
    const taken = await fail(createDepartment({ ctx, input: { name: "VPS support" } }));
    expect((taken as ValidationError).fields.name).toBeDefined();
    const renamed = await updateDepartment({ ctx, input: { departmentId: d.id, name: "Cloud support", email: "" } });
    expect(renamed).toMatchObject({ name: "Cloud support", email: null });
    const staff = await createStaffUser({ ctx, input: { name: "Sam Staff", email: "sam@provisio.test", password: "sam password 123", departmentIds: [d.id] } });
    expect(await authenticate({ ctx, input: { email: "sam@provisio.test", password: "sam password 123" } })).toMatchObject({ id: staff.userId, role: "staff", clientId: null });
    const client = await createUser(db(), "client");
    const notStaff = await fail(addDepartmentMember({ ctx, input: { departmentId: d.id, userId: client.user.id } }));
    expect((notStaff as ValidationError).fields.userId).toEqual(["Only staff members can join a department"]);
    const other = await createUser(db(), "staff");
    expect(await addDepartmentMember({ ctx, input: { departmentId: d.id, userId: other.user.id } })).toMatchObject({ added: true });
    expect(await addDepartmentMember({ ctx, input: { departmentId: d.id, userId: other.user.id } })).toMatchObject({ added: false });
    const listed = (await listDepartments({ ctx })).departments.find((x) => x.id === d.id)!;
    expect(listed.members.map((m) => m.userId).sort()).toEqual([staff.userId, other.user.id].sort());
    await removeDepartmentMember({ ctx, input: { departmentId: d.id, userId: other.user.id } });
    expect(await db().select().from(departmentMembers).where(eq(departmentMembers.departmentId, d.id))).toEqual([{ departmentId: d.id, userId: staff.userId }]);
  });

  it("refuses to delete the default department or one responsible for a handler", async () => {
    const byDefault = await createDepartment({ ctx, input: { name: "Default desk" } });
    await writeSettings(db(), { defaultDepartmentId: byDefault.id });
    expect((await fail(deleteDepartment({ ctx, input: { departmentId: byDefault.id } })))!.message).toMatch(/default department/);
    const responsible = await createDepartment({ ctx, input: { name: "Panel desk" } });
    await makeHandler(db(), { module: "manual", departmentId: responsible.id });
    expect((await fail(deleteDepartment({ ctx, input: { departmentId: responsible.id } })))!.message).toMatch(/responsible for 1 processing module/);
    const spare = await createDepartment({ ctx, input: { name: "Spare desk" } });
    await deleteDepartment({ ctx, input: { departmentId: spare.id } });
    expect(await db().select().from(departments).where(eq(departments.id, spare.id))).toEqual([]);
    expect((await db().select().from(departments).where(eq(departments.id, byDefault.id))).length).toBe(1);
  });

  it("saves settings from the form, with field errors for bad values", async () => {
    const bad = await runUpdateSettings(ctx, form({ retryIntervalSeconds: "0", maxAttempts: "3" }));
    expect(Object.keys(bad.fields ?? {})).toEqual(["retryIntervalSeconds"]);
    const desk = await createDepartment({ ctx, input: { name: "Settings desk" } });
    const ok = await runUpdateSettings(ctx, form({ retryIntervalSeconds: "45", maxAttempts: "4", syncIntervalSeconds: "3600", graceDays: "3", defaultDepartmentId: String(desk.id) }));
    expect(ok).toMatchObject({ ok: true });
    expect(await readSettings(db())).toMatchObject({ retryIntervalSeconds: 45, maxAttempts: 4, syncIntervalSeconds: 3600, graceDays: 3, defaultDepartmentId: desk.id });
  });

  it("shows the mail log, renders an email and queues a copy on resend", async () => {
    const client = await createClient(db());
    const mail = serviceEmail("welcome", { id: 77, productType: "hosting", tariffName: "Starter", details: { login: "u77", panel_url: "https://panel.test" }, secrets: { password: "pw-77-secret" }, params: { domain: "example.test" }, expiresAt: null });
    const queued = await enqueueEmail(db(), { dedupeKey: "welcome:test:77", to: client.email, clientId: client.id, ...mail });
    const listed = await listMail({ ctx, input: { to: client.email.toUpperCase() } });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ id: queued!.id, status: "queued", attempts: 0, template: "welcome-hosting" });
    expect(JSON.stringify(listed)).not.toContain("pw-77-secret");
    const shown = await getMail({ ctx, input: { emailId: queued!.id } });
    expect(shown.html).toContain("u77");
    expect(shown.text).toContain("example.test");
    const { copyId } = await resendMail({ ctx, input: { emailId: queued!.id } });
    const copy = (await db().select().from(emailOutbox).where(eq(emailOutbox.id, copyId)))[0]!;
    expect(copy).toMatchObject({ to: client.email, template: "welcome-hosting", status: "queued", dedupeKey: "welcome:test:77:resend:1" });
    expect((await listMail({ ctx, input: { clientId: client.id } })).items.map((m) => m.id)).toEqual([copyId, queued!.id]);
  });

  it("lists the audit log newest first, filtered by entity", async () => {
    const { items } = await listAudit({ ctx, input: { entity: "department" } });
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.every((i) => i.entity === "department")).toBe(true);
    expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort((a, b) => b - a));
    const rename = items.find((i) => i.action === "department.update")!;
    expect(rename).toMatchObject({ before: { name: "VPS support" }, after: { name: "Cloud support" }, actorName: expect.any(String) });
    const staff = await listAudit({ ctx, input: { entity: "user" } });
    expect(JSON.stringify(staff)).not.toContain("sam password");
  });

  it("counts attempts per hour by outcome and the failure rate per handler", async () => {
    const clock = testClock(new Date("2031-05-01T12:30:00Z"));
    const h1 = await makeHandler(db(), { module: "manual", name: "Stats A" });
    const h2 = await makeHandler(db(), { module: "manual", name: "Stats B" });
    const [op] = await db().select({ id: operations.id }).from(operations).limit(1);
    const at = (iso: string) => new Date(iso);
    const attempt = (handlerId: number, outcome: "done" | "error" | "pending", finished: string) =>
      ({ operationId: op!.id, number: 1, handlerId, outcome, startedAt: at(finished), finishedAt: at(finished) });
    await db().insert(operationAttempts).values([
      attempt(h1.id, "done", "2031-05-01T12:10:00Z"), attempt(h1.id, "error", "2031-05-01T12:20:00Z"),
      attempt(h2.id, "error", "2031-05-01T11:59:00Z"), attempt(h2.id, "error", "2031-05-01T10:00:00Z"),
      attempt(h2.id, "done", "2031-05-01T10:30:00Z"), attempt(h1.id, "pending", "2031-05-01T12:00:00Z"),
      attempt(h1.id, "done", "2031-04-29T12:00:00Z"),
    ]);
    const stats = await operationStats({ ctx: { ...ctx, clock }, input: { hours: 24 } });
    expect(stats.perHour).toHaveLength(24);
    expect(stats.perHour.at(-1)).toMatchObject({ start: at("2031-05-01T12:00:00Z"), done: 1, error: 1 });
    expect(stats.perHour.at(-2)).toMatchObject({ done: 0, error: 1 });
    expect(stats.perHour.at(-3)).toMatchObject({ done: 1, error: 1 });
    expect(stats.perHour.reduce((s, b) => s + b.done + b.error, 0)).toBe(5);
    expect(stats.handlers).toEqual([
      { handlerId: h2.id, name: "Stats B", attempts: 3, errors: 2, failureRate: 2 / 3 },
      { handlerId: h1.id, name: "Stats A", attempts: 2, errors: 1, failureRate: 0.5 },
    ]);
  });
});
