import { describe, expect, it } from "vitest";
import { isPermanentDatabaseError, probeFailure } from "@/lib/health/probe";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
const wrapped = (cause: Error) => Object.assign(new Error("Failed query: select 1\nparams: secret-value"), { cause });

describe("a failed database probe", () => {
  it.each([
    ["3D000", 'database "provisio" does not exist'],
    ["28P01", 'password authentication failed for user "provisio"'],
    ["28000", 'no pg_hba.conf entry for host "10.0.0.5", user "provisio", database "provisio"'],
  ])("a permanent %s carries PostgreSQL's message, even wrapped by drizzle", (code, message) => {
    expect(probeFailure(wrapped(pgError(code, message)))).toBe(`database refused: ${message} (${code})`);
    expect(isPermanentDatabaseError(wrapped(pgError(code, message)))).toBe(true);
  });

  it("a passing outage says only the code: waiting may cure it", () => {
    expect(probeFailure(pgError("ECONNREFUSED", "connect ECONNREFUSED 10.0.0.5:5432"))).toBe("database unavailable (ECONNREFUSED)");
    expect(isPermanentDatabaseError(pgError("57P03", "the database system is starting up"))).toBe(false);
  });
});
