import { describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { CredentialsSignin } from "@auth/core/errors";
import { authLogger } from "@/lib/auth/log";
import { createLogger, describeError, logger, redactSecrets, setLogger } from "@/lib/log";
import { errorReporter } from "@/lib/processing/error-report";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger({ destination, level: "debug", env: { NODE_ENV: "test" } }) };
}

describe("structured logs", () => {
  it("writes one JSON object per event with its fields and a level name", () => {
    const { lines, log } = capture();
    log.child({ operation: 12, service: 7 }).info({ handler: 3, attempt: 2 }, "operation done");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", operation: 12, service: 7, handler: 3, attempt: 2, msg: "operation done" });
    expect(typeof lines[0]!.time).toBe("string");
  });

  it("censors secret-looking keys, at the top and one level down", () => {
    const { lines, log } = capture();
    log.info({ password: "hunter2", connection: { url: "https://panel", password: "x" }, user: { token: "abc", name: "ok" } }, "x");
    expect(lines[0]).toMatchObject({ password: "***", connection: "***", user: { token: "***", name: "ok" } });
    expect(JSON.stringify(lines[0])).not.toMatch(/hunter2|abc/);
  });

  it("redacts a known secret in a text, raw, URL-, JSON- and XML-escaped", () => {
    const secret = `p@ss w"rd&<1>`;
    const text = `raw ${secret} url ${encodeURIComponent(secret)} json ${JSON.stringify(secret)} xml p@ss w&quot;rd&amp;&lt;1&gt;`;
    const out = redactSecrets(text, [secret, "ab"]);
    expect(out).toBe(`raw *** url *** json "***" xml ***`);
  });

  it("says a database error by its cause, without the SQL", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const error = new Error("Failed query: select * from operations where secret = $1\nparams: x", { cause });
    expect(describeError(error)).toEqual({ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:5432" });
  });

  it("says a lost database once with its cause, stays quiet while it is down, and says when it is back", () => {
    const { lines, log } = capture();
    const report = errorReporter(log);
    const refused = () => new Error("Failed query: update operations set status = 'running' ...", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }) });
    for (let i = 0; i < 11; i++) report(refused());
    report.recovered();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ["error", "database unavailable (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:5432"],
      ["info", "database reachable again"],
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/update operations|at /);
  });

  it("a refused sign-in is one info line without a stack", () => {
    const { lines, log } = capture();
    const previous = logger();
    setLogger(log);
    try {
      authLogger.error!(new CredentialsSignin());
    } finally {
      setLogger(previous);
    }
    expect(lines).toEqual([expect.objectContaining({ level: "info", type: "CredentialsSignin", msg: "sign-in refused: wrong email or password" })]);
    expect(JSON.stringify(lines)).not.toMatch(/\bat /);
  });
});
