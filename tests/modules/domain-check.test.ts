import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import { epp } from "../../lib/modules/epp";
import { startEppSimulator, type EppSimulator } from "../../lib/modules/epp/simulator";
import { webnames } from "../../lib/modules/webnames";
import { startWebnamesSimulator, type WebnamesSimulator } from "../../lib/modules/webnames/simulator";
import { connectionOf, plantForeign, REGISTRAR } from "./epp-setup";

describe("epp: availability in batched domain:check", () => {
  let sim: EppSimulator;
  beforeAll(async () => {
    sim = await startEppSimulator(REGISTRAR);
  });
  afterAll(async () => sim.close());
  beforeEach(() => sim.reset());

  const checks = () => sim.frames.filter((f) => f.includes("<domain:check"));

  it("asks in batches of at most the handler's limit, which the registry enforces, and keeps the order of the names", async () => {
    sim.settings.maxCheck = 3;
    plantForeign(sim, "b.com");
    sim.settings.reserved["c.com"] = "Reserved by the registry";
    sim.settings.reserved["d.com"] = "Premium name";
    const names = ["a.com", "b.com", "c.com", "d.com", "e.net", "f.org", "g.example"];
    const answers = await epp.checkAvailability!({ ...connectionOf(sim), checkLimit: 3 }, names, createAttemptLog());
    expect(answers).toEqual([
      { name: "a.com", status: "available" },
      { name: "b.com", status: "taken", reason: "In use" },
      { name: "c.com", status: "reserved", reason: "Reserved by the registry" },
      { name: "d.com", status: "premium", reason: "Premium name" },
      { name: "e.net", status: "available" },
      { name: "f.org", status: "available" },
      { name: "g.example", status: "available" },
    ]);
    expect(checks().map((f) => f.match(/<domain:name>/g)!.length)).toEqual([3, 3, 1]);
  });

  it("a check larger than the registry allows is refused whole with its reason", async () => {
    sim.settings.maxCheck = 2;
    const error = await epp.checkAvailability!({ ...connectionOf(sim), checkLimit: 3 }, ["a.com", "b.com", "c.com"], createAttemptLog()).catch((e: Error) => e);
    expect(error).toMatchObject({ code: "policy", retryable: false });
    expect((error as Error).message).toMatch(/Too many resource checks/);
  });

  it("reads IDN names in punycode and xs:boolean words", async () => {
    sim.settings.booleanWords = true;
    const answers = await epp.checkAvailability!(connectionOf(sim), ["пример.рф"], createAttemptLog());
    expect(answers).toEqual([{ name: "xn--e1afmkfd.xn--p1ai", status: "available" }]);
  });
});

describe("webnames: availability through pispCheckDomain, one name a call", () => {
  let sim: WebnamesSimulator;
  beforeAll(async () => {
    sim = await startWebnamesSimulator({ username: "reseller", password: "secret" });
  });
  afterAll(async () => sim.close());

  it("says available or taken for each name", async () => {
    sim.plantForeign("taken-one.ru");
    const connection = { url: sim.url, username: "reseller", password: "secret" };
    const answers = await webnames.checkAvailability!(connection, ["free-one.ru", "taken-one.ru"], createAttemptLog());
    expect(answers).toEqual([{ name: "free-one.ru", status: "available" }, { name: "taken-one.ru", status: "taken" }]);
    expect(sim.state.calls.filter((c) => c.page === "pispCheckDomain").map((c) => c.params.domain_name)).toEqual(["free-one.ru", "taken-one.ru"]);
  });
});
