import { describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import { ModuleError } from "../../lib/modules/contract";
import { manual } from "../../lib/modules/manual";
import { getModule, mergeConnection, modules, splitConnection } from "../../lib/modules/registry";
import { context, serviceFactory } from "./kit";

const service = serviceFactory(1, () => ({ productType: "other", remoteName: "svc1", secrets: {} }))();

describe("manual module", () => {
  it("is always manual and covers every product type", () => {
    expect(manual.alwaysManual).toBe(true);
    expect(manual.usesTemplates).toBe(false);
    expect([...manual.productTypes].sort()).toEqual(["dedicated", "domain", "hosting", "other", "vps"]);
    expect(manual.serviceFields.find((f) => f.key === "password")?.secret).toBe(true);
    expect(manual.connection.safeParse({}).success).toBe(true);
  });

  it("refuses every operation, not retryable", async () => {
    const ctx = context({}, service);
    for (const op of [manual.open, manual.suspend, manual.resume, manual.close, manual.prolong!, manual.changeTariff!]) {
      const error = await op(ctx).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModuleError);
      expect(error).toMatchObject({ code: "manual", retryable: false });
    }
  });

  it("checks nothing and syncs as active", async () => {
    await expect(manual.checkConnection({}, createAttemptLog())).resolves.toBeUndefined();
    await expect(manual.sync(context({}, service))).resolves.toEqual({ state: "active" });
  });
});

describe("module registry", () => {
  it("finds registered modules and refuses missing ones", () => {
    expect(getModule("manual")).toBe(manual);
    expect(getModule("ispmanager")).toBe(modules.ispmanager);
    for (const kind of ["proxmox", "toString", "nope"]) {
      expect(() => getModule(kind)).toThrow(expect.objectContaining({ code: "module_missing", retryable: false }));
    }
  });

  it("modules declare what an order must carry", () => {
    expect(getModule("ispmanager").orderNeeds).toEqual(["domain"]);
    expect(getModule("cpanel").orderNeeds).toEqual(["domain"]);
    expect(getModule("webnames").orderNeeds).toEqual(["domain", "contacts"]);
    expect(manual.orderNeeds ?? []).toEqual([]);
  });

  it("splits a connection into plain and secret parts and merges it back", () => {
    const values = { url: "http://panel", username: "admin", password: "s3cret" };
    const { plain, secrets } = splitConnection(getModule("ispmanager"), values);
    expect(plain).toEqual({ url: "http://panel", username: "admin" });
    expect(secrets).toEqual({ password: "s3cret" });
    expect(mergeConnection(plain, secrets)).toEqual(values);
    expect(mergeConnection(plain, null)).toEqual(plain);
  });
});
