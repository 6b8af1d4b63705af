import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import {
  ModuleError,
  type AttemptLog,
  type Outcome,
  type OperationContext,
  type ProcessingModule,
  type ServiceInfo,
} from "../../lib/modules/contract";
import type { SimFaults } from "../../lib/modules/simulator-server";
import { describeFidelity } from "./kit-fidelity";

export type KitSetup<C> = {
  module: ProcessingModule<C>;
  connection: C;
  badConnection: C;
  /** A fresh service (own id and remote name) for every call. */
  makeService(overrides?: Partial<ServiceInfo>): ServiceInfo;
  countObjects(): number;
  lastCall(): unknown;
  setFaults(faults: Partial<SimFaults>): void;
  objectState(remoteName: string): "active" | "suspended" | "missing";
  /** Changes the object behind the module's back, as an admin of the panel would (optional for registrars). */
  suspendDirectly?(remoteName: string): void;
  /** Removes the object behind the module's back (registrars: the domain lapsed at the registry). */
  deleteDirectly?(remoteName: string): void;
  /**
   * "registrar": suspend and resume are refused, not retryable (they become tasks for staff),
   * and close only stops renewal, so the object stays. Default "panel".
   */
  lifeCycle?: "panel" | "registrar";
  /** The code a failing server maps to; HTTP panels answer 500, EPP has no HTTP. Default "http_500". */
  serverErrorCode?: string;
  /** Puts a healthy object with this remote name on the panel that carries no marker of ours (another client's). */
  plantForeign(remoteName: string): void;
  /** Puts an object carrying this service's marker on the panel in a failed or unusable state (where the panel has such states). */
  plantBroken?(service: ServiceInfo): void;
  /** Turns the object of a done service into a failed or unusable one behind the module's back (where the panel has such states). */
  breakDirectly?(remoteName: string): void;
  /** A template the panel does not have (template modules only). */
  unknownTemplate?: string;
  close(): Promise<void>;
};

const SHORT_TIMEOUT_MS = 300;

export function context<C>(connection: C, service: ServiceInfo, params: Record<string, unknown> = {}): OperationContext<C> {
  return { connection, service, log: createAttemptLog(), params };
}

/** Runs open, polling a pending answer until the module is done. */
export function openToDone<C>(module: ProcessingModule<C>, ctx: OperationContext<C>) {
  return settle(module, ctx, module.open(ctx));
}

/** Polls a pending answer of any operation (open, suspend, …) until the module is done. */
export async function settle<C>(module: ProcessingModule<C>, ctx: OperationContext<C>, first: Promise<Outcome>) {
  let outcome: Outcome = await first;
  for (let i = 0; outcome.status === "pending" && i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, outcome.status === "pending" ? Math.min(outcome.pollAfterMs ?? 50, 200) : 0));
    if (!module.poll) throw new Error(`${module.kind} answered pending but has no poll()`);
    outcome = await module.poll(ctx, outcome.remoteTask);
  }
  if (outcome.status !== "done") throw new Error(`${module.kind} did not finish`);
  return outcome;
}

export async function moduleError(promise: Promise<unknown>): Promise<ModuleError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected a ModuleError").toBeInstanceOf(ModuleError);
  return error as ModuleError;
}

/** The contract every processing module passes against its simulator, over real sockets. */
export function runContractKit<C>(name: string, setup: () => Promise<KitSetup<C>>) {
  describe(`${name}: contract kit`, () => {
    let kit: KitSetup<C>;
    beforeEach(async () => {
      kit = await setup();
    });
    afterEach(async () => {
      await kit.close();
    });

    const opened = async (overrides?: Partial<ServiceInfo>) => {
      const service = kit.makeService(overrides);
      const result = await openToDone(kit.module, context(kit.connection, service));
      return { service, result };
    };

    describe("check connection", () => {
      it("passes with good credentials", async () => {
        await expect(kit.module.checkConnection(kit.connection, createAttemptLog())).resolves.toBeUndefined();
      });
      it("refuses bad credentials, not retryable", async () => {
        const error = await moduleError(kit.module.checkConnection(kit.badConnection, createAttemptLog()));
        expect(error.retryable).toBe(false);
        expect(error.code).toBe("auth");
      });
    });

    describe("open", () => {
      it("creates the object and is done", async () => {
        const { service, result } = await opened();
        expect(result.status).toBe("done");
        expect(result.adopted).toBeFalsy();
        expect(result.remoteId).toBeTruthy();
        expect(kit.countObjects()).toBe(1);
        expect(kit.objectState(service.remoteName)).toBe("active");
        expect(kit.lastCall()).toBeTruthy();
      });
      it("adopts what an earlier try created", async () => {
        const { service } = await opened();
        const again = await openToDone(kit.module, context(kit.connection, service));
        expect(again.adopted).toBe(true);
        expect(kit.countObjects()).toBe(1);
      });
      it("two tries racing leave one object", async () => {
        const service = kit.makeService();
        const results = await Promise.all([1, 2].map(() => openToDone(kit.module, context(kit.connection, service))));
        expect(results.map((r) => Boolean(r.adopted)).sort()).toEqual([false, true]);
        expect(kit.countObjects()).toBe(1);
      });
      it("refuses an object of the same name that is not ours", async () => {
        kit.setFaults({ exists: true });
        const error = await moduleError(kit.module.open(context(kit.connection, kit.makeService())));
        expect(error.retryable).toBe(false);
      });
      it("refuses an unknown template, not retryable (a module without templates offers none)", async () => {
        if (!kit.module.usesTemplates) {
          expect(kit.module.listTemplates).toBeUndefined();
          return;
        }
        expect(kit.unknownTemplate).toBeTruthy();
        const service = kit.makeService({ template: kit.unknownTemplate });
        const error = await moduleError(kit.module.open(context(kit.connection, service)));
        expect(error.retryable).toBe(false);
        expect(kit.objectState(service.remoteName)).toBe("missing");
      });
    });

    describe("life cycle", () => {
      const run = (service: ServiceInfo, op: "suspend" | "resume" | "close") => {
        const ctx = context(kit.connection, service);
        return settle(kit.module, ctx, kit.module[op](ctx));
      };
      it("suspends, resumes and closes (a registrar refuses suspend and resume, and close keeps the domain)", async () => {
        const { service } = await opened();
        if (kit.lifeCycle === "registrar") {
          for (const action of [kit.module.suspend, kit.module.resume]) {
            const error = await moduleError(action(context(kit.connection, service)));
            expect(error.retryable).toBe(false);
          }
          await expect(kit.module.close(context(kit.connection, service))).resolves.toMatchObject({ status: "done" });
          expect(kit.objectState(service.remoteName)).toBe("active");
          return;
        }
        await run(service, "suspend");
        expect(kit.objectState(service.remoteName)).toBe("suspended");
        await run(service, "resume");
        expect(kit.objectState(service.remoteName)).toBe("active");
        await run(service, "close");
        expect(kit.objectState(service.remoteName)).toBe("missing");
      });
      it("sync reports drift made on the panel", async () => {
        const { service } = await opened();
        expect((await kit.module.sync(context(kit.connection, service))).state).toBe("active");
        if (kit.suspendDirectly) {
          kit.suspendDirectly(service.remoteName);
          expect((await kit.module.sync(context(kit.connection, service))).state).toBe("suspended");
        }
        if (kit.lifeCycle === "registrar") kit.deleteDirectly?.(service.remoteName);
        else await run(service, "close");
        expect((await kit.module.sync(context(kit.connection, service))).state).toBe("missing");
      });
    });

    describe("faults", () => {
      const failing = async (faults: Partial<SimFaults>, connection = kit.connection) => {
        kit.setFaults(faults);
        return moduleError(kit.module.open(context(connection, kit.makeService())));
      };
      it("the panel's own error is retryable", async () => {
        expect((await failing({ failNext: 1 })).retryable).toBe(true);
        const { result } = await opened();
        expect(result.status).toBe("done");
      });
      it("HTTP 500 is retryable", async () => {
        const error = await failing({ http500: true });
        expect(error).toMatchObject({ retryable: true, code: kit.serverErrorCode ?? "http_500" });
      });
      it("garbage is a retryable bad_response", async () => {
        const error = await failing({ garbage: true });
        expect(error).toMatchObject({ retryable: true, code: "bad_response" });
      });
      it("no answer is a retryable timeout", async () => {
        const started = Date.now();
        const error = await failing({ timeout: true }, { ...kit.connection, timeoutMs: SHORT_TIMEOUT_MS });
        expect(error).toMatchObject({ retryable: true, code: "timeout" });
        expect(Date.now() - started).toBeLessThan(5_000);
      });
      it("a slow panel still answers within the timeout", async () => {
        kit.setFaults({ slowMs: 100 });
        const { result } = await opened();
        expect(result.status).toBe("done");
      });
    });

    describeFidelity(() => kit, opened);

    describe("attempt log", () => {
      it("never shows the passwords", async () => {
        const service = kit.makeService();
        const ctx = context(kit.connection, service);
        await openToDone(kit.module, ctx);
        await kit.module.sync(ctx);
        await kit.module.checkConnection(kit.connection, ctx.log);
        expectRedacted(ctx.log, [service.secrets.password, secretOf(kit.connection)]);
      });
    });
  });
}

function secretOf(connection: unknown): string {
  const { password, apiToken } = connection as { password?: unknown; apiToken?: unknown };
  const value = password ?? apiToken;
  return typeof value === "string" ? value : "";
}

export function expectRedacted(log: AttemptLog, secrets: string[]) {
  const text = log.text();
  expect(text).toMatch(/→ /);
  expect(text).toContain("***");
  for (const secret of secrets.filter(Boolean)) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
  }
}

/** Makes test services with fresh ids from `firstId`: common defaults, then the module's, then the test's. */
export function serviceFactory(firstId: number, defaults: (id: number) => Partial<ServiceInfo>) {
  let nextId = firstId;
  return (overrides: Partial<ServiceInfo> = {}): ServiceInfo => {
    const id = nextId++;
    return {
      id,
      productType: "hosting",
      remoteName: `pv${id}`,
      remoteId: null,
      template: null,
      resources: {},
      params: {},
      months: 1,
      details: {},
      secrets: { password: `Pw!${id}+&x y` },
      expiresAt: null,
      createdAt: new Date(),
      client: { id: 1, name: "Ann Client", email: "ann@example.test" },
      ...defaults(id),
      ...overrides,
    };
  };
}
