import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer, type TLSSocket } from "node:tls";
import { startSimulator, type Simulator } from "../simulator-server";
import { encodeFrame, FrameReader } from "./frame";
import { createRegistry, defaultSettings, greeting, type EppSession, type EppSettings, type EppState } from "./simulator-registry";
import { finishTransfer } from "./simulator-transfer";

/**
 * An EPP registry (RFC 5730/5731/5733/5734, protocols.md §5) over TLS with the test certificate in
 * ./test-cert. Faults and /__sim/ inspection live on a separate plain HTTP control port (`url`).
 */

export type { EppDomain, EppContact, EppHost, EppCall, EppSettings, EppState } from "./simulator-registry";
export type { EppMessage, EppTransfer } from "./simulator-types";

/** What the losing registrar (or the registry) does with a pending transfer in tests: approve, reject, or let it time out. */
export type TransferAction = "approve" | "reject" | "timeout";

export type EppSimulator = Simulator & {
  host: string;
  /** The TLS port that speaks EPP; `port` and `url` are the HTTP control port. */
  eppPort: number;
  /** PEM of the self-signed test certificate, for a client's caCert. */
  testCert: string;
  state: EppState;
  settings: EppSettings;
  /** The last frames clients sent, as XML (in memory only: they hold passwords, so the control port never shows them). */
  frames: string[];
  /**
   * Ends a pending transfer as the other side would: the losing registrar approves or rejects it, or the registry
   * cancels it (timeout). Also on the control port: POST /transfer/approve|reject|timeout?domain=NAME.
   */
  transfer(domain: string, action: TransferAction): boolean;
};

const certFile = (name: string) => readFileSync(new URL(`./test-cert/${name}`, import.meta.url), "utf8");
const GARBAGE = "<<<%%% not an EPP answer \u0001 {]";

export async function startEppSimulator(
  options: { host?: string; port?: number; clID?: string; password?: string; settings?: Partial<EppSettings> } = {},
): Promise<EppSimulator> {
  const host = options.host ?? "127.0.0.1";
  const cert = certFile("simulator-test-cert.pem");
  const initial = () => ({ ...defaultSettings(), ...options.settings });
  const settings: EppSettings = initial();
  const registry = createRegistry({ clID: options.clID ?? "provisio", password: options.password ?? "secret", settings, faults: () => control.faults });
  const sockets = new Set<TLSSocket>();
  const timers = new Set<NodeJS.Timeout>();
  const frames: string[] = [];
  let closing = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function serve(socket: TLSSocket) {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    const session: EppSession = { clID: null, services: [], extensions: [] };
    const reader = new FrameReader();
    const send = (xml: string) => {
      if (!socket.destroyed && !closing) socket.write(encodeFrame(xml));
    };
    const faults = () => control.faults;

    async function reply(frame: string | null) {
      if (faults().timeout) return; // Fault: a server that never answers.
      if (faults().slowMs > 0) await wait(faults().slowMs);
      if (closing || socket.destroyed) return;
      if (faults().garbage) return send(GARBAGE); // Fault: a frame that is not XML at all.
      // RFC 5730 §2.4: the server greets as soon as the connection is up, before any command.
      if (frame === null) return send(greeting(settings));
      if (faults().http500) {
        // RFC 5730 §3: 2500 "Command failed; server closing connection" (EPP's server error; no HTTP here).
        send(registry.failure(frame, 2500));
        socket.end();
        return;
      }
      // RFC 5730 §3: 2400 "Command failed", the registry's own transient error.
      if (faults().failNext > 0) {
        faults().failNext -= 1;
        return send(registry.failure(frame, 2400));
      }
      const answer = registry.handle(session, frame);
      if (answer.drop) return void socket.destroy();
      send(answer.xml);
      if (answer.end) socket.end();
    }

    let queue = Promise.resolve();
    const enqueue = (frame: string | null) => {
      queue = queue.then(() => reply(frame)).catch(() => void socket.destroy());
    };
    enqueue(null);
    socket.on("data", (chunk: Buffer) => {
      try {
        for (const frame of reader.push(chunk)) {
          frames.push(frame);
          if (frames.length > 500) frames.shift();
          enqueue(frame);
        }
      } catch {
        // RFC 5734 §4: a stream that is not length-prefixed frames is not EPP; the server drops it.
        socket.destroy();
      }
    });
  }

  const server = createServer({ key: certFile("simulator-test-key.pem"), cert }, serve);
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });

  const control = await startSimulator({
    host,
    handle: async (req, _body, url) => {
      const action = /^\/transfer\/(approve|reject|timeout)$/.exec(url.pathname)?.[1] as TransferAction | undefined;
      if (req.method === "POST" && action) {
        const done = transfer(url.searchParams.get("domain") ?? "", action);
        return { status: done ? 200 : 409, body: done ? "ok" : "no pending transfer of that domain" };
      }
      return { status: 404, body: "This is the EPP simulator's control port; EPP speaks TLS on eppPort" };
    },
    inspect: () => registry.inspect(),
    reset: () => {
      registry.reset();
      frames.length = 0;
      Object.assign(settings, initial());
    },
  });

  function transfer(domain: string, action: TransferAction): boolean {
    const d = registry.state.domains[domain.toLowerCase()];
    if (!d) return false;
    return finishTransfer(registry.registry, d, action === "approve" ? "clientApproved" : action === "reject" ? "clientRejected" : "serverCancelled");
  }

  return {
    ...control,
    transfer,
    host,
    eppPort: (server.address() as AddressInfo).port,
    testCert: cert,
    state: registry.state,
    settings,
    frames,
    close: async () => {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await control.close();
    },
  };
}
