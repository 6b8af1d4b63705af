import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";

/**
 * A web process as the standalone server runs it: a SIGTERM listener that closes the HTTP server
 * and calls process.exit (what Next.js's start-server does), plus drainOnSigterm with an embedded
 * runner that needs 400 ms to finish what it holds.
 */
const script = `
import { createServer } from "node:http";
import { drainOnSigterm } from ${JSON.stringify(join(import.meta.dirname, "../../lib/web-drain.ts"))};
const server = createServer((req, res) => req.url !== "/stuck" && setTimeout(() => res.end("answered"), 600));
process.on("SIGTERM", () => server.close(() => process.exit(143)));
drainOnSigterm(() => new Promise((r) => setTimeout(() => { console.log("runner stopped"); r(); }, 400)), { WEB_DRAIN_SECONDS: process.env.WEB_DRAIN_SECONDS });
server.listen(0, "127.0.0.1", () => console.log("port " + server.address().port));
`;

function start(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (out += c));
  const port = new Promise<number>((resolve) => child.stdout.on("data", () => /port (\d+)/.test(out) && resolve(Number(out.match(/port (\d+)/)![1]))));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, port, exited, output: () => out };
}

describe("the web on SIGTERM", () => {
  it("answers the request in flight and lets the runner finish before it exits", async () => {
    const web = start();
    const port = await web.port;
    const inFlight = fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 100));
    const signalled = Date.now();
    web.child.kill("SIGTERM");
    expect(await inFlight).toBe("answered");
    expect(await web.exited).toBe(143);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(400);
    expect(web.output()).toMatch(/web got SIGTERM: takes no new requests[\s\S]*runner stopped[\s\S]*web stopped: requests in flight answered/);
  }, 20_000);

  it("gives up after WEB_DRAIN_SECONDS when a request never ends", async () => {
    const web = start({ WEB_DRAIN_SECONDS: "1" });
    const port = await web.port;
    const stuck = new AbortController();
    void fetch(`http://127.0.0.1:${port}/stuck`, { signal: stuck.signal }).catch(() => {});
    await new Promise((r) => setTimeout(r, 100));
    const signalled = Date.now();
    web.child.kill("SIGTERM");
    expect(await web.exited).toBe(143);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(web.output()).toContain("web still busy after 1 s (WEB_DRAIN_SECONDS): exits now");
    stuck.abort();
  }, 20_000);
});
