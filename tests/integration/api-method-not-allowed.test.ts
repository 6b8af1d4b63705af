import { describe, expect, it } from "vitest";
import { methodNotAllowed } from "@/lib/api/method-guard";

describe("/api/v1 answers a wrong method in JSON", () => {
  it.each([
    ["DELETE", "/api/v1/services", "GET"],
    ["PUT", "/api/v1/services/12", "GET"],
    ["GET", "/api/v1/orders", "POST"],
    ["PATCH", "/api/v1/clients/3/balance/credit", "POST"],
  ])("%s %s is a 405 with Allow: %s and the error shape", async (method, path, allow) => {
    const r = methodNotAllowed(method, path)!;
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe(allow);
    expect(r.headers.get("content-type")).toContain("application/json");
    expect(await r.json()).toMatchObject({ error: { code: "method_not_allowed", message: expect.stringContaining(allow) } });
  });

  it("leaves allowed methods, unknown paths, HEAD and OPTIONS to the routes", () => {
    expect(methodNotAllowed("GET", "/api/v1/services")).toBeNull();
    expect(methodNotAllowed("POST", "/api/v1/orders/5/pay")).toBeNull();
    expect(methodNotAllowed("DELETE", "/api/v1/nothing-here")).toBeNull();
    expect(methodNotAllowed("HEAD", "/api/v1/services")).toBeNull();
    expect(methodNotAllowed("OPTIONS", "/api/v1/services")).toBeNull();
  });
});
