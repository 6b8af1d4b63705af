import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { handlers } from "@/lib/db/schema";
import { decryptJson } from "@/lib/crypto";
import { ModuleError } from "@/lib/modules/contract";
import { createAttemptLog } from "@/lib/modules/attempt-log";
import { checkHandlerConnection } from "@/lib/services/handlers/check-connection";
import { updateHandler } from "@/lib/services/handlers/update";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { makeHandler, sys } from "../helpers/factories";

const PASSWORD = "S3cret-Pass-42";

/** A panel that records every body it gets and refuses the login, echoing it (as some panels do). */
function echoingPanel() {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      bodies.push(body);
      const authinfo = new URLSearchParams(body).get("authinfo") ?? "";
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ doc: { error: { $type: "auth", msg: { $: `Wrong authinfo ${authinfo} (json: ${JSON.stringify(authinfo)})` } } } }));
    });
  });
  return { bodies, server, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("handler credentials stay with their address, and panel errors are redacted", () => {
  let database: TestDatabase;
  const home = echoingPanel();
  const elsewhere = echoingPanel();
  let handlerId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    await Promise.all([home, elsewhere].map((p) => new Promise<void>((r) => p.server.listen(0, "127.0.0.1", r))));
    handlerId = (await makeHandler(database.db, { module: "ispmanager", connection: { url: home.url(), username: "admin", password: PASSWORD } })).id;
  });
  afterAll(async () => {
    await Promise.all([home, elsewhere].map((p) => new Promise((r) => p.server.close(r))));
    await database?.close();
  });

  it("refuses to check a changed address with the stored password, and sends nothing there", async () => {
    const error = await checkHandlerConnection({ ctx: sys(database.db), input: { handlerId, connection: { url: elsewhere.url(), username: "admin", password: "" } } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation", fields: { "connection.password": [expect.stringMatching(/Panel URL changed/)] } });
    expect(elsewhere.bodies).toEqual([]);
  });

  it("refuses to save a changed address with a blank password, and saves it with the password typed again", async () => {
    const [before] = await database.db.select().from(handlers).where(eq(handlers.id, handlerId));
    const error = await updateHandler({ ctx: sys(database.db), input: { handlerId, connection: { url: elsewhere.url(), username: "admin", password: "" } } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation", fields: { "connection.password": [expect.any(String)] } });
    expect((await database.db.select().from(handlers).where(eq(handlers.id, handlerId)))[0]).toEqual(before);
    // The same address with a blank password keeps the stored one.
    await updateHandler({ ctx: sys(database.db), input: { handlerId, connection: { url: home.url(), username: "admin", password: "" } } });
    const [kept] = await database.db.select().from(handlers).where(eq(handlers.id, handlerId));
    expect(decryptJson<{ password: string }>(kept!.secrets).password).toBe(PASSWORD);
    expect(elsewhere.bodies).toEqual([]);
  });

  it("stores a panel's error message with the password redacted, in every written form", async () => {
    const result = await checkHandlerConnection({ ctx: sys(database.db), input: { handlerId } });
    expect(home.bodies.at(-1)).toContain(encodeURIComponent(PASSWORD).replace(/%20/g, "+"));
    expect(result.ok).toBe(false);
    expect(result.message).toContain("Wrong authinfo admin:***");
    expect(result.message).not.toContain(PASSWORD);
    expect(result.log).not.toContain(PASSWORD);
    const [h] = await database.db.select().from(handlers).where(eq(handlers.id, handlerId));
    expect(h!.healthMessage).toContain("***");
    expect(h!.healthMessage).not.toContain(PASSWORD);
    const log = createAttemptLog();
    log.secret("p&ss<\"word\">");
    const redacted = log.redactError(new ModuleError("x", 'raw p&ss<"word"> xml p&amp;ss&lt;&quot;word&quot;&gt; json p&ss<\\"word\\"> url p%26ss%3C%22word%22%3E', true));
    expect(redacted.message).toBe("raw *** xml *** json *** url ***");
  });
});
