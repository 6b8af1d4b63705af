import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { connect, type TLSSocket } from "node:tls";
import { ModuleError, type AttemptLog } from "../contract";
import { DEFAULT_TIMEOUT_MS } from "../http";
import { encodeFrame, FrameReader } from "./frame";
import { CONTACT_NS, DOMAIN_NS, el, eppDocument, escapeXml, has, textOf } from "./xml";

export type EppConnection = {
  host: string;
  port?: number;
  username: string;
  password: string;
  /** Accept any server certificate: for local simulators only. */
  insecure?: boolean;
  /** PEM of the CA (or the self-signed certificate) to trust instead of the system CAs. */
  caCert?: string;
  timeoutMs?: number;
  nameservers?: string;
};

export type EppReply = { code: number; msg: string; xml: string };

export const EPP_PORT = 700;
const IN_LOG = 500;
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

/** Result codes (RFC 5730 §3): 1000–1999 are success; 2400 and up are the server's trouble, worth a retry. */
export function replyError(reply: EppReply, what: string): ModuleError {
  const message = `EPP ${what}: ${reply.code} ${reply.msg}`;
  const code = reply.code;
  if (code >= 2200 && code <= 2202) return new ModuleError("auth", message, false);
  if (code === 2302) return new ModuleError("exists", message, false);
  if (code === 2303) return new ModuleError("not_found", message, false);
  if (code === 2304) return new ModuleError("status_prohibits", message, false);
  if (code === 2306 || (code >= 2003 && code <= 2005)) return new ModuleError("policy", message, false);
  if (code === 2104) return new ModuleError("billing", message, false);
  return new ModuleError(`epp_${code}`, message, code >= 2400);
}

/** Registers a secret as sent and as it appears inside XML (escaped), so the log hides both. */
export function secret(log: AttemptLog, value: string | undefined) {
  log.secret(value);
  if (value) log.secret(escapeXml(value));
}

function socketError(error: unknown, where: string): ModuleError {
  const code = String((error as { code?: unknown })?.code ?? "");
  if (TLS_CODES.test(code)) return new ModuleError("tls", `EPP ${where}: the server certificate is not trusted (${code})`, false);
  return new ModuleError("network", `Cannot reach EPP ${where}: ${code || (error as Error)?.message || String(error)}`, true);
}

/** One EPP session over TLS: greeting, login, commands, logout. */
export class EppSession {
  private frames: string[] = [];
  private waiter: ((frame: string | ModuleError) => void) | null = null;
  private failure: ModuleError | null = null;
  private readonly where: string;
  private readonly timeoutMs: number;

  private constructor(
    private readonly socket: TLSSocket,
    private readonly conn: EppConnection,
    private readonly log: AttemptLog,
  ) {
    this.where = `${conn.host}:${conn.port ?? EPP_PORT}`;
    this.timeoutMs = conn.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const reader = new FrameReader();
    socket.on("data", (chunk: Buffer) => {
      try {
        for (const frame of reader.push(chunk)) this.deliver(frame);
      } catch (error) {
        this.fail(new ModuleError("bad_response", `EPP ${this.where}: ${(error as Error).message}`, true));
      }
    });
    socket.on("error", (error) => this.fail(socketError(error, this.where)));
    socket.on("close", () => this.fail(new ModuleError("network", `EPP ${this.where} closed the connection`, true)));
  }

  /** Connects, reads the greeting and logs in. */
  static async open(conn: EppConnection, log: AttemptLog): Promise<EppSession> {
    secret(log, conn.password);
    const port = conn.port ?? EPP_PORT;
    log.line(`→ EPP connect ${conn.host}:${port}${conn.insecure ? " (certificate not checked)" : ""}`);
    const socket = connect({
      host: conn.host,
      port,
      servername: isIP(conn.host) ? undefined : conn.host,
      ca: conn.caCert || undefined,
      rejectUnauthorized: !conn.insecure,
    });
    const session = new EppSession(socket, conn, log);
    try {
      const greeting = await session.next();
      if (!has(greeting, "greeting")) throw new ModuleError("bad_response", `EPP ${session.where}: no greeting`, true);
      session.log.line(`← EPP greeting from ${textOf(greeting, "svID") ?? "server"}`);
      const login =
        `<login>${el("clID", conn.username)}${el("pw", conn.password)}` +
        `<options><version>1.0</version><lang>en</lang></options>` +
        `<svcs><objURI>${DOMAIN_NS}</objURI><objURI>${CONTACT_NS}</objURI></svcs></login>`;
      const reply = await session.command(login, "login");
      if (reply.code !== 1000) throw replyError(reply, "login");
      return session;
    } catch (error) {
      session.destroy();
      throw error;
    }
  }

  /** Sends a command (the inner XML of <command>) and returns the parsed answer, whatever its code. */
  async command(inner: string, what: string): Promise<EppReply> {
    const clTRID = `pv-${randomBytes(6).toString("hex")}`;
    if (this.failure) throw this.failure;
    const xml = eppDocument(`<command>${inner}${el("clTRID", clTRID)}</command>`);
    this.log.line(`→ EPP ${what} ${excerpt(xml)}`);
    const started = Date.now();
    this.socket.write(encodeFrame(xml));
    const answer = await this.next();
    const code = Number(/<(?:\w+:)?result\s[^>]*code\s*=\s*["'](\d{4})["']/.exec(answer)?.[1]);
    this.log.line(`← EPP ${Number.isFinite(code) ? code : "?"} in ${Date.now() - started} ms ${excerpt(answer)}`);
    if (!Number.isFinite(code)) throw new ModuleError("bad_response", `EPP ${what}: the answer has no result code`, true);
    return { code, msg: textOf(answer, "msg") ?? "", xml: answer };
  }

  /** Logs out politely; the operation's outcome does not depend on it. */
  async close(): Promise<void> {
    try {
      if (!this.failure) await this.command("<logout/>", "logout");
    } catch {
      this.log.line("EPP logout failed; connection dropped");
    } finally {
      this.destroy();
    }
  }

  destroy() {
    this.failure ??= new ModuleError("network", "EPP session closed", true);
    this.socket.destroy();
  }

  private deliver(frame: string) {
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter) waiter(frame);
    else this.frames.push(frame);
  }

  private fail(error: ModuleError) {
    if (this.failure) return;
    this.failure = error;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(error);
  }

  private next(): Promise<string> {
    const queued = this.frames.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        this.log.line(`← timeout after ${this.timeoutMs} ms`);
        const error = new ModuleError("timeout", `No answer from EPP ${this.where} within ${this.timeoutMs} ms`, true);
        this.fail(error);
        this.socket.destroy();
        reject(error);
      }, this.timeoutMs);
      this.waiter = (frame) => {
        clearTimeout(timer);
        if (frame instanceof ModuleError) {
          this.log.line(`← ${frame.code}: ${frame.message}`);
          reject(frame);
        } else resolve(frame);
      };
    });
  }
}

const excerpt = (xml: string) => (xml.length > IN_LOG ? `${xml.slice(0, IN_LOG)}…` : xml);

/** Opens a session, runs the work, and logs out whatever happens. */
export async function withSession<T>(conn: EppConnection, log: AttemptLog, work: (session: EppSession) => Promise<T>): Promise<T> {
  const session = await EppSession.open(conn, log);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
