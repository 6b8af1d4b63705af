import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Done, ServiceInfo } from "../../lib/modules/contract";
import { webnames } from "../../lib/modules/webnames";
import type { WebnamesConnection } from "../../lib/modules/webnames/client";
import { startWebnamesSimulator, type WebnamesSimulator } from "../../lib/modules/webnames/simulator";
import { context, openToDone, serviceFactory } from "./kit";

/** What RegTimeSRS.pl offers after purchase (protocols.md §5): name servers and renewal; the rest is refused in plain words. */

const ACCOUNT = { username: "reseller", password: "wn-S3cret!pass" };
const makeService = serviceFactory(3500, (id) => ({
  productType: "domain", remoteName: `shop-${id}.ru`, params: { domain: `shop-${id}.ru` }, months: 12,
  client: { id: 1, name: "Ann Client", email: "ann@example.test", phone: "+7.9001234567", country: "RU", city: "Moscow", address: "Tverskaya 1" },
}));

describe("webnames: manage after purchase", () => {
  let sim: WebnamesSimulator;
  let conn: WebnamesConnection;
  beforeEach(async () => {
    sim = await startWebnamesSimulator(ACCOUNT);
    conn = { url: sim.url, ...ACCOUNT };
  });
  afterEach(async () => {
    await sim.close();
  });
  async function registered(): Promise<ServiceInfo> {
    const service = makeService();
    const done = await openToDone(webnames, context(conn, service));
    return { ...service, remoteId: done.remoteId!, details: done.details ?? {}, expiresAt: done.expiresAt ?? null };
  }
  const pages = () => sim.state.calls.map((c) => c.page);

  it("changes name servers with pispRedelegation: ns0..ns3, and the address (nsNip) only for a host under the domain", async () => {
    const service = await registered();
    const name = service.remoteName;
    const done = (await webnames.manage!(context(conn, service, { action: "nameservers", nameservers: [`ns1.${name} 192.0.2.5`, "ns2.host.test"] }))) as Done;
    expect(done.details).toEqual({ nameservers: `ns1.${name}, ns2.host.test` });
    const call = sim.state.calls.find((c) => c.page === "pispRedelegation");
    expect(call?.params).toMatchObject({ domain_name: name, ns0: `ns1.${name}`, ns0ip: "192.0.2.5", ns1: "ns2.host.test" });
    expect(call?.params.ns1ip).toBeUndefined();
    expect(sim.state.domains[name]!.nameservers).toEqual([`ns1.${name} 192.0.2.5`, "ns2.host.test"]);
  });

  it("refuses a host under the domain without its address, more than four servers, and bad names, before sending anything", async () => {
    const service = await registered();
    const sent = sim.state.calls.length;
    const change = (nameservers: string[]) => webnames.manage!(context(conn, service, { action: "nameservers", nameservers }));
    await expect(change([`ns1.${service.remoteName}`])).rejects.toMatchObject({ code: "glue_missing", retryable: false });
    await expect(change(["a.host.test", "b.host.test", "c.host.test", "d.host.test", "e.host.test"])).rejects.toMatchObject({ code: "invalid_nameserver" });
    await expect(change(["bad host"])).rejects.toMatchObject({ code: "invalid_nameserver" });
    expect(sim.state.calls.length).toBe(sent);
  });

  it("the simulated form refuses a host under the domain without an address and a foreign domain", async () => {
    const service = await registered();
    const { srs } = await import("../../lib/modules/webnames/client");
    const { createAttemptLog } = await import("../../lib/modules/attempt-log");
    await expect(srs(conn, createAttemptLog(), "pispRedelegation", { domain_name: service.remoteName, ns0: `ns1.${service.remoteName}` })).rejects.toMatchObject({ message: expect.stringContaining("needs an IP address") });
    sim.plantForeign("elsewhere-1.ru");
    await expect(srs(conn, createAttemptLog(), "pispRedelegation", { domain_name: "elsewhere-1.ru", ns0: "ns1.host.test" })).rejects.toMatchObject({ message: expect.stringContaining("not found") });
  });

  it("renews for several years at once, and refuses past ten years ahead before sending", async () => {
    const service = await registered();
    const before = sim.state.domains[service.remoteName]!.expiresAt;
    const done = (await webnames.prolong!(context(conn, service, { months: 36 }))) as Done;
    const expected = new Date(`${before}T00:00:00Z`);
    expected.setUTCFullYear(expected.getUTCFullYear() + 3);
    expect(done.details?.expires_at).toBe(expected.toISOString().slice(0, 10));
    expect(sim.state.calls.filter((c) => c.page === "pispRenewDomain").map((c) => c.params.period)).toEqual(["3"]);
    await expect(webnames.prolong!(context(conn, { ...service, expiresAt: done.expiresAt! }, { months: 96 }))).rejects.toMatchObject({ code: "max_years", retryable: false });
    expect(pages().filter((p) => p === "pispRenewDomain")).toHaveLength(1);
  });

  it("says plainly that a transfer in, the lock, the auth code and contact changes are not offered through its interface", async () => {
    expect(webnames.transfersIn).toBe(false);
    expect(webnames.manages).toEqual(["nameservers"]);
    const service = await registered();
    for (const action of ["lock", "authcode", "contact"]) {
      await expect(webnames.manage!(context(conn, service, { action }))).rejects.toMatchObject({ code: "not_offered", retryable: false, message: expect.stringContaining("Webnames account") });
    }
    const calls = sim.state.calls.length;
    await expect(webnames.open(context(conn, makeService({ params: { transfer: true }, secrets: { password: "x", transferCode: "abc" } })))).rejects.toMatchObject({ code: "not_offered", message: expect.stringContaining("Transfers in are not offered") });
    expect(sim.state.calls.length).toBe(calls);
  });
});
