import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";
import { ModuleError } from "@/lib/modules/contract";
import type { LoadedOperation } from "@/lib/processing/load";
import { operationReport } from "@/lib/processing/report";
import type { TakenHandler } from "@/lib/processing/select-handler";

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger({ destination, level, env: { NODE_ENV: "test" } }) };
}

const loaded = { operation: { id: 41, kind: "open", attempts: 0, claims: 1, remoteTask: null, createdAt: new Date(0) }, service: { id: 7 } } as unknown as LoadedOperation;
const handler = { id: 3, module: "ispmanager", slot: 1 } as unknown as TakenHandler;
const attempt = { handler, startedAt: new Date(1000), now: new Date(1250) };
const flush = () => new Promise((r) => setImmediate(r));

describe("operationReport", () => {
  it("writes nothing below the level, and each line it writes carries the operation, service and handler", async () => {
    const { lines, log } = capture("warn");
    const report = operationReport(log, loaded);
    report.done(attempt, { attempt: 1, attemptId: 9 });
    report.busy();
    await flush();
    expect(lines).toEqual([]);
    report.failed({ ...attempt, secrets: ["s3cret"] }, new ModuleError("network", "Cannot reach panel with s3cret", true), { attempt: 1, attemptId: 10, retryAt: new Date(60_000), taskId: null });
    report.failed(attempt, new ModuleError("auth", "refused", false), { attempt: 2, attemptId: 11, retryAt: null, taskId: 5 });
    await flush();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: "warn", operation: 41, service: 7, kind: "open", handler: 3, code: "network", attemptId: 10, msg: "attempt failed, will retry" });
    expect(JSON.stringify(lines[0])).not.toContain("s3cret");
    expect(lines[1]).toMatchObject({ level: "error", operation: 41, service: 7, handler: 3, task: 5, msg: "operation failed, switched to manual processing" });
  });

  it("at info it logs the done operation with its attempt and time", async () => {
    const { lines, log } = capture("info");
    operationReport(log, loaded).done(attempt, { attempt: 1, attemptId: 9 });
    await flush();
    expect(lines).toEqual([expect.objectContaining({ level: "info", operation: 41, service: 7, handler: 3, module: "ispmanager", ms: 250, attemptId: 9, msg: "operation done" })]);
  });
});
