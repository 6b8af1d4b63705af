import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { connect, type TLSSocket } from "node:tls";
import { ModuleError, type AttemptLog } from "../contract";
import { DEFAULT_TIMEOUT_MS } from "../http";
import { encodeFrame, FrameReader } from "./frame";
import { childOf, childrenOf, CONTACT_NS, DOMAIN_NS, el, eppDocument, EPP_NS, escapeXml, HOST_NS, parseXml, RGP_NS, XmlError, type XmlElement } from "./xml";

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
  /** The installation's part of contact handles (2–8 letters or digits); derived when empty. */
  contactPrefix?: string;
  /** Names per domain:check: the registry's limit. */
  checkLimit?: number;
};

/** A parsed answer: the result code and message, the registry's reasons, and the <response> element. */
export type EppReply = { code: number; msg: string; reasons: string[]; response: XmlElement };

export const EPP_PORT = 700;
const IN_LOG = 500;
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

/** The retryable error for an answer that is neither a success nor a known error. */
export const badResponse = (where: string, why: string) => new ModuleError("bad_response", `EPP ${where}: ${why}`, true);

/**
 * Result codes (RFC 5730 §3, protocols.md §5), as docs/modules/epp.md tabulates them: the hundreds digit is
 * the category: 0 syntax, 1 implementation, 2 security, 3 data management (all final: a retry sends the
 * same refused command), 4 server trouble and 5 connection management (retryable), except 2501
 * (authentication error, e.g. a locked account), which a retry only deepens.
 */
export function replyError(reply: EppReply, what: string): ModuleError {
  const reasons = reply.reasons.length ? ` (${reply.reasons.join("; ")})` : "";
  const message = `EPP ${what}: ${reply.code} ${reply.msg}${reasons}`;
  const code = reply.code;
  // A success code other than the command's (e.g. 1500 to a create) is neither its success nor an error.
  if (code < 2000) return badResponse(what, `unexpected result ${code} ${reply.msg}`);
  // 2200 and 2501 are about the registrar account (the handler's credentials); 2201/2202 about one object.
  if (code === 2200 || code === 2501) return new ModuleError("auth", message, false);
  if (code === 2201) return new ModuleError("not_authorized", message, false);
  if (code === 2202) return new ModuleError("authinfo_invalid", message, false);
  if (code === 2302) return new ModuleError("exists", message, false);
  if (code === 2303) return new ModuleError("not_found", message, false);
  if (code === 2304) return new ModuleError("status_prohibits", message, false);
  if (code === 2306 || (code >= 2003 && code <= 2005)) return new ModuleError("policy", message, false);
  if (code === 2104) return new ModuleError("billing", message, false);
  const category = Math.floor((code % 1000) / 100);
  return new ModuleError(`epp_${code}`, message, category >= 4);
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

  /** The object services this session logged in with: the ones the greeting offered that the module speaks. */
  services = new Set<string>();

  /** Connects, reads the greeting and logs in with the object services the greeting offers. */
  static async open(conn: EppConnection, log: AttemptLog): Promise<EppSession> {
    secret(log, conn.password);
    const port = conn.port ?? EPP_PORT;
    log.line(`→ EPP connect ${conn.host}:${port}${conn.insecure ? " (certificate not checked)" : ""}`);
    // epp-1.0.xsd: clID is eppcom:clIDType (3–16) and pw epp:pwType (6–16); a registry refuses anything else as 2001.
    if (conn.username.length < 3 || conn.username.length > 16 || conn.password.length < 6 || conn.password.length > 16) {
      throw new ModuleError("auth", "EPP registrar logins are 3–16 characters and passwords 6–16 (RFC 5730): check the handler's credentials", false);
    }
    const socket = connect({
      host: conn.host,
      port,
      servername: isIP(conn.host) ? undefined : conn.host,
      ca: conn.caCert || undefined,
      rejectUnauthorized: !conn.insecure,
    });
    const session = new EppSession(socket, conn, log);
    try {
      const { offered, extensions } = session.readGreeting(await session.next());
      for (const uri of [DOMAIN_NS, CONTACT_NS]) {
        if (!offered.includes(uri)) throw new ModuleError("epp_unsupported", `EPP ${session.where}: the server does not offer ${uri}`, false);
      }
      session.services = new Set([DOMAIN_NS, CONTACT_NS, HOST_NS].filter((uri) => offered.includes(uri)));
      // RFC 3915 §4: a registry sends rgp:infData (redemptionPeriod, pendingRestore) only to a client that
      // named rgp-1.0 at login. epp-1.0.xsd loginType: clID, pw, newPW?, options (version, lang), svcs
      // (objURI+, then svcExtension with extURI+).
      const ext = extensions.includes(RGP_NS) ? `<svcExtension>${el("extURI", RGP_NS)}</svcExtension>` : "";
      const login =
        `<login>${el("clID", conn.username)}${el("pw", conn.password)}` +
        `<options><version>1.0</version><lang>en</lang></options>` +
        `<svcs>${[...session.services].map((uri) => el("objURI", uri)).join("")}${ext}</svcs></login>`;
      const reply = await session.command(login, "login");
      if (reply.code !== 1000) throw replyError(reply, "login");
      return session;
    } catch (error) {
      session.destroy();
      throw error;
    }
  }

  /** The objURIs and extURIs of a greeting (RFC 5730 §2.4); anything else is a bad response. */
  private readGreeting(frame: string): { offered: string[]; extensions: string[] } {
    let root: XmlElement;
    try {
      root = parseXml(frame);
    } catch (error) {
      throw badResponse(this.where, `the greeting is not well-formed XML (${(error as Error).message})`);
    }
    const greeting = root.ns === EPP_NS && root.local === "epp" ? childOf(root, EPP_NS, "greeting") : undefined;
    if (!greeting) throw badResponse(this.where, "no greeting");
    this.log.line(`← EPP greeting from ${childOf(greeting, EPP_NS, "svID")?.text.trim() || "server"}`);
    const menu = childOf(greeting, EPP_NS, "svcMenu");
    return {
      offered: childrenOf(menu, EPP_NS, "objURI").map((u) => u.text.trim()),
      extensions: childrenOf(childOf(menu, EPP_NS, "svcExtension"), EPP_NS, "extURI").map((u) => u.text.trim()),
    };
  }

  /**
   * Sends a command (the inner XML of <command>) and returns the parsed answer, whatever its code. The answer
   * must be a well-formed <epp><response> with a four-digit result code and our clTRID; anything else is a
   * retryable bad response, even when it contains code="1000".
   */
  async command(inner: string, what: string): Promise<EppReply> {
    const clTRID = `pv-${randomBytes(6).toString("hex")}`;
    if (this.failure) throw this.failure;
    const xml = eppDocument(`<command>${inner}${el("clTRID", clTRID)}</command>`);
    this.log.line(`→ EPP ${what} ${excerpt(xml)}`);
    const started = Date.now();
    this.socket.write(encodeFrame(xml));
    const answer = await this.next();
    const reply = this.parseReply(answer, what, clTRID);
    this.log.line(`← EPP ${reply instanceof ModuleError ? "?" : reply.code} in ${Date.now() - started} ms ${excerpt(answer)}`);
    if (reply instanceof ModuleError) throw reply;
    return reply;
  }

  private parseReply(answer: string, what: string, clTRID: string): EppReply | ModuleError {
    let root: XmlElement;
    try {
      root = parseXml(answer);
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      return badResponse(`${this.where} ${what}`, `the answer is not well-formed XML (${error.message})`);
    }
    const response = root.ns === EPP_NS && root.local === "epp" ? childOf(root, EPP_NS, "response") : undefined;
    const result = childOf(response, EPP_NS, "result");
    const code = Number(result?.attrs.code);
    if (!response || !result || !/^[12]\d{3}$/.test(result.attrs.code ?? "")) {
      return badResponse(`${this.where} ${what}`, "the answer has no EPP result code");
    }
    const echoed = childOf(childOf(response, EPP_NS, "trID"), EPP_NS, "clTRID")?.text.trim();
    if (echoed !== undefined && echoed !== clTRID) return badResponse(`${this.where} ${what}`, `the answer is for another command (${echoed})`);
    const reasons = childrenOf(result, EPP_NS, "extValue")
      .map((v) => childOf(v, EPP_NS, "reason")?.text.trim() ?? "")
      .filter(Boolean);
    return { code, msg: childOf(result, EPP_NS, "msg")?.text.trim() ?? "", reasons, response };
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
