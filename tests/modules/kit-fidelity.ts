import { describe, expect, it } from "vitest";
import type { Done, ServiceInfo } from "../../lib/modules/contract";
import { context, moduleError, openToDone, settle, type KitSetup } from "./kit";

/**
 * The fidelity scenarios of the contract kit: what a real panel does that a lenient stand-in would
 * hide. Ambiguous answers, ignored creates, lost answers, and objects with our name that are not ours.
 */
export function describeFidelity<C>(getKit: () => KitSetup<C>, opened: (overrides?: Partial<ServiceInfo>) => Promise<{ service: ServiceInfo; result: Done }>) {
  describe("fidelity", () => {
    const run = (service: ServiceInfo, op: "suspend" | "resume" | "close") => {
      const kit = getKit();
      const ctx = context(kit.connection, service);
      return settle(kit.module, ctx, kit.module[op](ctx));
    };
    const untouched = (remoteName: string) => {
      const kit = getKit();
      const before = { state: kit.objectState(remoteName), count: kit.countObjects() };
      return () => expect({ state: kit.objectState(remoteName), count: kit.countObjects() }).toEqual(before);
    };

    it("an answer that is neither success nor an error is never done", async () => {
      const kit = getKit();
      kit.setFaults({ ambiguous: true });
      const service = kit.makeService();
      const error = await moduleError(openToDone(kit.module, context(kit.connection, service)));
      expect(error).toMatchObject({ retryable: true, code: "bad_response" });
      kit.setFaults({ ambiguous: false });
      const again = await openToDone(kit.module, context(kit.connection, service));
      expect(again.status).toBe("done");
      expect(kit.countObjects()).toBe(1);
    });
    it("an ignored create is caught: not done, nothing on the panel", async () => {
      const kit = getKit();
      kit.setFaults({ ignoreCreate: true });
      const service = kit.makeService();
      await moduleError(openToDone(kit.module, context(kit.connection, service)));
      expect(kit.objectState(service.remoteName)).toBe("missing");
      expect(kit.countObjects()).toBe(0);
    });
    it("a lost create answer, then a retry, adopts exactly one object", async () => {
      const kit = getKit();
      kit.setFaults({ loseAnswer: true });
      const service = kit.makeService();
      const first = await openToDone(kit.module, context(kit.connection, service)).catch((e: unknown) => e);
      if (first instanceof Error) expect(first).toMatchObject({ retryable: true });
      const again = await openToDone(kit.module, context(kit.connection, service));
      expect(again.status).toBe("done");
      if (first instanceof Error) expect(again.adopted).toBe(true);
      expect(kit.countObjects()).toBe(1);
      expect(kit.objectState(service.remoteName)).toBe("active");
    });
    it("a foreign object with our name is never adopted, and stays as it was", async () => {
      const kit = getKit();
      expect(kit.plantForeign, "every module's kit plants foreign objects").toBeTypeOf("function");
      const service = kit.makeService();
      kit.plantForeign(service.remoteName);
      const same = untouched(service.remoteName);
      const error = await moduleError(openToDone(kit.module, context(kit.connection, service)));
      expect(error.retryable).toBe(false);
      same();
    });
    it("a broken object with our name is never adopted (where the panel has broken states)", async () => {
      const kit = getKit();
      const service = kit.makeService();
      if (!kit.plantBroken) {
        expect(kit.breakDirectly, "a panel without broken states offers neither hook").toBeUndefined();
        return;
      }
      kit.plantBroken(service);
      const same = untouched(service.remoteName);
      const error = await moduleError(openToDone(kit.module, context(kit.connection, service)));
      expect(error.retryable).toBe(false);
      same();
    });
    it("later operations never touch an object that is not ours", async () => {
      const kit = getKit();
      const { service, result } = await opened();
      const mine = { ...service, remoteId: result.remoteId ?? null };
      if (kit.deleteDirectly) kit.deleteDirectly(service.remoteName);
      else await run(mine, "close");
      kit.plantForeign(service.remoteName);
      const same = untouched(service.remoteName);
      for (const op of ["suspend", "resume"] as const) {
        const error = await moduleError(run(mine, op));
        expect(error.retryable, `${op} of an object that is not ours`).toBe(false);
        same();
      }
      const sync = await kit.module.sync(context(kit.connection, mine));
      expect(sync.state).toBe("missing");
      same();
      const closed = await run(mine, "close").catch((e: unknown) => e);
      if (closed instanceof Error) expect(closed).toMatchObject({ retryable: false });
      else expect(closed).toMatchObject({ status: "done" });
      same();
    });
    it("close of a missing object is done (a registrar keeps its own close rule)", async () => {
      const kit = getKit();
      if (kit.lifeCycle === "registrar") return;
      const { service, result } = await opened();
      const mine = { ...service, remoteId: result.remoteId ?? null };
      if (kit.deleteDirectly) kit.deleteDirectly(service.remoteName);
      else await run(mine, "close");
      await expect(run(mine, "close")).resolves.toMatchObject({ status: "done" });
      await expect(run(kit.makeService(), "close")).resolves.toMatchObject({ status: "done" });
    });
    it("sync of a missing object says missing, of a broken one says broken, with a reason", async () => {
      const kit = getKit();
      if (kit.breakDirectly) {
        const { service, result } = await opened();
        kit.breakDirectly(service.remoteName);
        const broken = await kit.module.sync(context(kit.connection, { ...service, remoteId: result.remoteId ?? null }));
        expect(broken.state).toBe("broken");
        expect(broken.reason).toBeTruthy();
      }
      const { service, result } = await opened();
      const mine = { ...service, remoteId: result.remoteId ?? null };
      if (kit.deleteDirectly) kit.deleteDirectly(service.remoteName);
      else await run(mine, "close");
      const missing = await kit.module.sync(context(kit.connection, mine));
      expect(missing.state).toBe("missing");
    });
  });
}
