import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { toErrorResponse } from "@/lib/api/errors";

describe("REST error answers", () => {
  it("a database that cannot be reached is a 503 with Retry-After, not a 500", async () => {
    const sql = postgres("postgres://nobody@127.0.0.1:9/none", { max: 1, connect_timeout: 2, onnotice: () => {} });
    const error = await sql`select 1`.then(
      () => null,
      (e: unknown) => e,
    );
    await sql.end({ timeout: 1 });
    const res = toErrorResponse(error);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unavailable");
  });

  it("a session the server shut down (57P01, through drizzle's cause) is a 503; anything else unknown stays a 500", async () => {
    const wrapped = Object.assign(new Error("Failed query"), { cause: Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }) });
    expect(toErrorResponse(wrapped).status).toBe(503);
    expect(toErrorResponse(new Error("boom")).status).toBe(500);
  });
});
