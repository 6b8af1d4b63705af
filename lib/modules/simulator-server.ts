import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type SimFaults = {
  /** Answer the panel's own error for the next N calls. */
  failNext: number;
  /** Never answer until the simulator is closed. */
  timeout: boolean;
  http500: boolean;
  /** Answer 200 with junk that is neither JSON nor XML. */
  garbage: boolean;
  /** Delay every answer. */
  slowMs: number;
  /** Delay only the answers to calls that change something on the panel (the panel's own work; reads answer at once). */
  slowChangeMs: number;
  /** The next create finds an object of that name made by someone else. */
  exists: boolean;
  /** Answer changes with something that is neither the panel's success nor one of its errors. */
  ambiguous: boolean;
  /** Accept the next create the way the real panel ignores a request it does not act on: nothing is created. */
  ignoreCreate: boolean;
  /** Carry out the next create, then drop the connection before answering (a lost answer). */
  loseAnswer: boolean;
};

/** drop: close the connection without answering (the work, if any, is done: a lost answer). */
export type SimReply = { status: number; headers?: Record<string, string>; body: string; drop?: boolean };

export type SimulatorOptions = {
  port?: number;
  host?: string;
  handle(req: IncomingMessage, body: string, url: URL): Promise<SimReply>;
  /** The panel's own error shape, used by failNext. Default: HTTP 500. */
  panelError?(req: IncomingMessage, body: string, url: URL): SimReply;
  /** Whether a call asks the panel to change something (for slowChangeMs). */
  isChange?(req: IncomingMessage, body: string, url: URL): boolean;
  /** What GET /__sim/state shows. */
  inspect?(): unknown;
  /** Called by POST /__sim/reset after the faults are cleared. */
  reset?(): void;
};

export type Simulator = {
  url: string;
  port: number;
  faults: SimFaults;
  inspect(): unknown;
  setFaults(faults: Partial<SimFaults>): void;
  reset(): void;
  close(): Promise<void>;
};

export const noFaults = (): SimFaults => ({
  failNext: 0,
  timeout: false,
  http500: false,
  garbage: false,
  slowMs: 0,
  slowChangeMs: 0,
  exists: false,
  ambiguous: false,
  ignoreCreate: false,
  loseAnswer: false,
});

const GARBAGE = "<<<%%% not a panel answer: \u0000\u0001 {]";
const json = (status: number, value: unknown): SimReply => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(value),
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The shared base of every panel simulator: an HTTP server with switchable faults and /__sim/ inspection. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const faults = noFaults();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;

  const setFaults = (next: Partial<SimFaults>) => {
    for (const key of Object.keys(noFaults()) as (keyof SimFaults)[]) {
      if (next[key] !== undefined) (faults as Record<string, unknown>)[key] = next[key];
    }
  };
  const reset = () => {
    Object.assign(faults, noFaults());
    options.reset?.();
  };
  const inspect = () => options.inspect?.() ?? {};
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function answer(req: IncomingMessage, body: string, url: URL): Promise<SimReply | null> {
    if (url.pathname.startsWith("/__sim/")) {
      if (req.method === "GET" && url.pathname === "/__sim/state") return json(200, { faults, state: inspect() });
      if (req.method === "POST" && url.pathname === "/__sim/faults") {
        try {
          setFaults(JSON.parse(body || "{}") as Partial<SimFaults>);
        } catch {
          return json(400, { error: "faults must be a JSON object" });
        }
        return json(200, { faults });
      }
      if (req.method === "POST" && url.pathname === "/__sim/reset") {
        reset();
        return json(200, { faults });
      }
      return json(404, { error: "unknown simulator route" });
    }
    if (faults.timeout) return null;
    if (faults.slowMs > 0) await wait(faults.slowMs);
    if (faults.slowChangeMs > 0 && options.isChange?.(req, body, url)) await wait(faults.slowChangeMs);
    if (faults.http500) return { status: 500, headers: { "content-type": "text/plain" }, body: "Internal Server Error" };
    if (faults.garbage) return { status: 200, headers: { "content-type": "text/plain" }, body: GARBAGE };
    if (faults.failNext > 0) {
      faults.failNext -= 1;
      return options.panelError?.(req, body, url) ?? { status: 500, body: "Internal Server Error" };
    }
    return options.handle(req, body, url);
  }

  async function serve(req: IncomingMessage, res: ServerResponse) {
    res.on("error", () => {});
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? "/", "http://simulator");
      const reply = await answer(req, body, url);
      if (!reply || closing || res.destroyed) return;
      if (reply.drop) {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, reply.headers ?? { "content-type": "text/plain" });
      res.end(reply.body);
    } catch (error) {
      if (res.destroyed || res.headersSent) return;
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`simulator error: ${(error as Error).message}`);
    }
  }

  const server = createServer((req, res) => void serve(req, res));
  // A client keeps an idle connection for the server's keep-alive hint less a second; a long hint keeps
  // the server from closing a socket that a client, delayed by a busy event loop, is about to reuse.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    faults,
    inspect,
    setFaults,
    reset,
    close: () => {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
