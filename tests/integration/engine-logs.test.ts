import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { createLogger, logger, setLogger } from "@/lib/log";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { deliverEmails, localTransport } from "@/lib/email/deliver";
import { sweepOperations } from "@/lib/processing/sweep";
import { writeSettings } from "@/lib/settings";
import { eq } from "drizzle-orm";
import { emailOutbox } from "@/lib/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

/** What the engine logs: one JSON line per outcome with the ids an operator searches by, and no secrets. */
describe("engine log lines", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  const lines: Record<string, unknown>[] = [];
  const previous = logger();

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    setLogger(createLogger({ destination, level: "info", env: { NODE_ENV: "test" } }));
  });
  afterAll(async () => {
    setLogger(previous);
    await sim.close();
    await database.close();
  });

  it("logs a failed attempt with its code and ids, then the done operation with its attempt id, never the panel password", async () => {
    const { db } = database;
    await writeSettings(db, { retryIntervalSeconds: 1, maxAttempts: 3 });
    // the simulator's one admin password; no line may carry it
    const password = "secret";
    const handler = await makeHandler(db, { module: "ispmanager", connection: { url: sim.url, username: "admin", password } });
    const tariff = await makeTariff(db, { handlerIds: [handler.id] });
    const service = await orderAndPay(db, (await createClient(db, 1_000_000)).id, tariff.id);
    const clock = testClock();
    sim.setFaults({ http500: true });
    await sweepOperations(db, { clock });
    sim.setFaults({ http500: false });
    clock.advance(2);
    await sweepOperations(db, { clock });

    const mine = lines.filter((l) => l.service === service.id);
    expect(mine.map((l) => [l.level, l.msg])).toEqual([
      ["warn", "attempt failed, will retry"],
      ["info", "operation done"],
    ]);
    const [failed, done] = mine;
    expect(failed).toMatchObject({ kind: "open", handler: handler.id, module: "ispmanager", attempt: 1, code: "http_500", retryable: true });
    expect(done).toMatchObject({ kind: "open", handler: handler.id, module: "ispmanager", attempt: 2 });
    for (const l of mine) {
      expect(typeof l.operation).toBe("number");
      expect(typeof l.attemptId).toBe("number");
      expect(l).not.toHaveProperty("stack");
    }
    expect(failed!.operation).toBe(done!.operation);
    expect(failed!.attemptId).not.toBe(done!.attemptId);
    expect(JSON.stringify(lines)).not.toContain(password);
  });

  it("logs each email handed to the transport with its outbox id and service, without the address", async () => {
    const before = lines.length;
    // the first case's clock ran ahead of the wall clock; the welcome email is due on that clock
    // the order's money emails (confirmation, invoice, receipt) are queued next to the welcome email
    const queued = await database.db.select().from(emailOutbox).where(eq(emailOutbox.status, "queued"));
    expect(queued.filter((m) => m.template.startsWith("welcome"))).toHaveLength(1);
    const result = await deliverEmails(database.db, { transport: localTransport, clock: { now: () => new Date(Date.now() + 60_000) } });
    expect(result.sent).toBe(queued.length);
    const sent = lines.slice(before).filter((l) => l.msg === "email sent");
    expect(sent.map((l) => l.email).sort()).toEqual(queued.map((m) => m.id).sort());
    const welcome = sent.find((l) => String(l.template).startsWith("welcome"));
    expect(welcome).toMatchObject({ level: "info", service: expect.any(Number), transport: "local", attempt: 1 });
    for (const line of sent) expect(JSON.stringify(line)).not.toMatch(/@example\.test/);
  });
});
