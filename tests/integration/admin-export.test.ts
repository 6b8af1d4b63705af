import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { clients } from "@/lib/db/schema";
import { csvCell } from "@/lib/csv";
import type { Ctx } from "@/lib/services/context";
import { exportList } from "@/app/admin/export/export-list";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff } from "../helpers/factories";

describe("CSV export of the admin lists", () => {
  let database: TestDatabase;
  let admin: Ctx;
  let clientId: number;
  const db = () => database.db;
  const csv = async (list: string, query = "", ctx = admin) => {
    const response = await exportList(ctx, list, new URLSearchParams(query));
    return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor };
    const tariff = await makeTariff(db(), { handlerIds: [(await makeHandler(db(), { module: "manual" })).id] });
    clientId = (await createClient(db())).id;
    await db().execute(sql`insert into services (client_id, tariff_id, product_type, status, remote_name, months)
      select ${clientId}::int, ${tariff.id}::int, 'hosting', case when g % 3 = 0 then 'suspended' else 'active' end, 'site' || g, 1 from generate_series(1, 250) g`);
    await db().execute(sql`insert into services (client_id, tariff_id, product_type, status, remote_name, months)
      values (${clientId}::int, ${tariff.id}::int, 'hosting', 'active', '=HYPERLINK("http://evil.example","x")', 1)`);
    await db().insert(clients).values({ name: "+cmd|' /C calc'!A0", email: "@sum@example.test" });
  });
  afterAll(async () => database.close());

  it("quotes cells a spreadsheet would run as a formula, and escapes CSV", () => {
    expect(["=1+1", "+1", "-1", "@SUM(A1)", "plain", "a,b", 'say "hi"', null].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "plain", '"a,b"', '"say ""hi"""', ""]);
  });

  it("streams every service across pages, with a header row and no formula", async () => {
    const { status, type, text } = await csv("services");
    expect(status).toBe(200);
    expect(type).toBe("text/csv; charset=utf-8");
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("ID,Name,Domain,Product,Tariff,Client ID,Client,Status,In progress,Expires,Created");
    expect(lines).toHaveLength(1 + 251);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines.slice(1).some((l) => l.split(",")[1]?.startsWith("="))).toBe(false);
  });

  it("keeps the page's filters", async () => {
    const { text } = await csv("services", "status=suspended");
    const rows = text.trimEnd().split("\r\n").slice(1);
    expect(rows).toHaveLength(83);
    expect(rows.every((r) => r.includes(",suspended,"))).toBe(true);
    expect((await csv("clients", "q=cmd")).text).toContain(`,'+cmd|' /C calc'!A0,'@sum@example.test,`);
  });

  it("exports operations, invoices and the audit log too", async () => {
    for (const list of ["operations", "invoices", "audit"]) expect((await csv(list)).status).toBe(200);
  });

  it("is for admins only, and answers bad filters and unknown lists plainly", async () => {
    const client = await createUser(db(), "client", { clientId });
    const staff = await createUser(db(), "staff");
    expect((await csv("services", "", { db: db(), actor: client.actor })).status).toBe(403);
    expect((await csv("invoices", "", { db: db(), actor: staff.actor })).status).toBe(403);
    expect((await csv("services", "", { db: db(), actor: { type: "anonymous" } })).status).toBe(401);
    expect(await csv("services", "status=nope")).toMatchObject({ status: 400, text: "Some filters are not valid. Clear them and try again." });
    expect(await csv("services", "clientId=99999999999")).toMatchObject({ status: 400 });
    expect((await csv("operations", "from=2020-02-31")).status).toBe(400);
    expect((await csv("constructor")).status).toBe(404);
    expect((await csv("users")).status).toBe(404);
  });
});
