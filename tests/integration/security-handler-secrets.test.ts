import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { handlers } from "@/lib/db/schema";
import { decryptJson } from "@/lib/crypto";
import { checkHandlerConnection } from "@/lib/services/handlers/check-connection";
import { updateHandler } from "@/lib/services/handlers/update";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { makeHandler, sys } from "../helpers/factories";

const PASSWORD = "Epp-Pass-42";
const CA = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----";

describe("a change to where or how a handler's secret is sent needs the secret again", () => {
  let database: TestDatabase;
  let handlerId: number;
  /** A TCP listener standing in for the registry: it must never be reached with the stored password. */
  const connections: number[] = [];
  const registry: Server = createServer((socket) => {
    connections.push(1);
    socket.destroy();
  });
  const base = () => ({ host: "127.0.0.1", port: String((registry.address() as AddressInfo).port), username: "registrar", caCert: CA, insecure: "false" });
  const stored = async () => (await database.db.select().from(handlers).where(eq(handlers.id, handlerId)))[0]!;
  const update = (connection: Record<string, unknown>) => updateHandler({ ctx: sys(database.db), input: { handlerId, connection } }).catch((e: unknown) => e);

  beforeAll(async () => {
    database = await createTestDatabase();
    await new Promise<void>((r) => registry.listen(0, "127.0.0.1", r));
    handlerId = (await makeHandler(database.db, { module: "epp", productType: "domain", connection: { ...base(), password: PASSWORD } })).id;
  });
  afterAll(async () => {
    await new Promise((r) => registry.close(r));
    await database?.close();
  });

  it.each([
    ["the certificate check switched off", { insecure: "on" }, /Skip the certificate check.*changed: type the password again/],
    ["another CA certificate", { caCert: CA.replace("fake", "other") }, /CA certificate.*changed: type the password again/],
    ["another port", { port: "7001" }, /Port changed: type the password again/],
    ["another host", { host: "epp.elsewhere.example" }, /EPP host changed: type the password again/],
  ])("refuses %s with a blank password, naming the field, and changes nothing", async (_what, change, message) => {
    const before = await stored();
    const error = await update({ ...base(), ...change, password: "" });
    expect(error).toMatchObject({ code: "validation", fields: { "connection.password": [expect.stringMatching(message)] } });
    expect(await stored()).toEqual(before);
    const checked = await checkHandlerConnection({ ctx: sys(database.db), input: { handlerId, connection: { ...base(), ...change, password: "" } } }).catch((e: unknown) => e);
    expect(checked).toMatchObject({ code: "validation", fields: { "connection.password": [expect.any(String)] } });
    expect(connections).toEqual([]);
  });

  it("keeps the stored password while nothing about where or how changes (a CRLF certificate or another login included)", async () => {
    await update({ ...base(), caCert: CA.replace(/\n/g, "\r\n"), username: "registrar2", password: "" });
    const kept = await stored();
    expect(kept.connection).toMatchObject({ username: "registrar2" });
    expect(decryptJson<{ password: string }>(kept.secrets).password).toBe(PASSWORD);
  });

  it("a required host left blank is a missing field, not a move: the check asks for it and the secret is not named", async () => {
    const checked = await checkHandlerConnection({ ctx: sys(database.db), input: { handlerId, connection: { ...base(), host: "", password: "" } } }).catch((e: unknown) => e);
    expect(checked).not.toMatchObject({ fields: { "connection.password": [expect.any(String)] } });
    expect(JSON.stringify(checked)).not.toMatch(/changed: type the password again/);
    expect(connections).toEqual([]);
  });

  it("saves the change once the password is typed again", async () => {
    await update({ ...base(), insecure: "on", password: "New-Epp-Pass-7" });
    const saved = await stored();
    expect(saved.connection).toMatchObject({ insecure: true });
    expect(decryptJson<{ password: string }>(saved.secrets).password).toBe("New-Epp-Pass-7");
  });
});
