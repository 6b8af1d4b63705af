import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAttemptLog } from "../../lib/modules/attempt-log";
import { request } from "../../lib/modules/http";

describe("request to a panel", () => {
  let server: Server;
  let base = "";
  let closed = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.on("close", () => closed++);
      if (req.url === "/stall") {
        // Headers and half the answer, then nothing: the timeout must cover the body too.
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"doc":');
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "x-panel": "yes" });
      const types = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === "content-type").length;
      res.end(JSON.stringify({ method: req.method, url: req.url, type: req.headers["content-type"] ?? null, types }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers with the status, the headers and the whole body", async () => {
    const res = await request(createAttemptLog(), { method: "GET", url: `${base}/ok`, query: { a: "1" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-panel")).toBe("yes");
    expect(res.headers.get("X-Panel")).toBe("yes");
    expect(res.headers.get("x-none")).toBeNull();
    expect(JSON.parse(res.text)).toEqual({ method: "GET", url: "/ok?a=1", type: null, types: 0 });
  });

  it("sends a form with one content type, whatever case a caller gave its own in", async () => {
    const res = await request(createAttemptLog(), { method: "POST", url: `${base}/form`, form: { a: "1" }, headers: { "Content-Type": "text/plain", "X-Extra": "1" } });
    expect(JSON.parse(res.text)).toMatchObject({ method: "POST", type: "application/x-www-form-urlencoded", types: 1 });
  });

  it("times out on an answer whose body stops coming, and drops the connection", async () => {
    const before = closed;
    const log = createAttemptLog();
    await expect(request(log, { method: "GET", url: `${base}/stall`, timeoutMs: 200 })).rejects.toMatchObject({ code: "timeout", retryable: true });
    expect(log.text()).toContain("← timeout after 200 ms");
    await expect.poll(() => closed).toBeGreaterThan(before);
    // The agent does not hand the dropped connection to the next request.
    expect((await request(createAttemptLog(), { method: "GET", url: `${base}/after` })).status).toBe(200);
  });

  it("calls a refused connection a network error", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(request(createAttemptLog(), { method: "GET", url: `http://127.0.0.1:${port}/` })).rejects.toMatchObject({ code: "network", message: expect.stringContaining("ECONNREFUSED") });
  });
});
