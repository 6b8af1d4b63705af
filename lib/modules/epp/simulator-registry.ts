import { result, type EppSession, type EppSettings, type EppState, type Registry, type Result } from "./simulator-types";
import type { SimFaults } from "../simulator-server";
import { schemaError } from "./schema";
import { domainCommand } from "./simulator-domains";
import { contactCommand, hostCommand } from "./simulator-objects";
import { pollCommand } from "./simulator-transfer";
import { childOf, childrenOf, CONTACT_NS, DOMAIN_NS, el, EPP_NS, eppDocument, HOST_NS, parseXml, RGP_NS, type XmlElement } from "./xml";

/**
 * The registry behind the EPP simulator: objects, rules and result codes, without the transport. Written from
 * protocols.md §5 (RFC 5730–5733, RFC 3915, Nomulus flow docs, Identity Digital's authInfo rule); each rule
 * says where it comes from. What could not be confirmed is marked "unconf." and kept in one place.
 */

export type { EppCall, EppContact, EppDomain, EppHost, EppSession, EppSettings, EppState, Registry, Result } from "./simulator-types";

const MESSAGES: Record<number, string> = {
  1000: "Command completed successfully",
  1001: "Command completed successfully; action pending",
  1300: "Command completed successfully; no messages",
  1301: "Command completed successfully; ack to dequeue",
  1500: "Command completed successfully; ending session",
  2000: "Unknown command",
  2001: "Command syntax error",
  2002: "Command use error",
  2003: "Required parameter missing",
  2004: "Parameter value range error",
  2005: "Parameter value syntax error",
  2101: "Unimplemented command",
  2103: "Unimplemented extension",
  2200: "Authentication error",
  2201: "Authorization error",
  2202: "Invalid authorization information",
  2300: "Object pending transfer",
  2301: "Object not pending transfer",
  2302: "Object exists",
  2303: "Object does not exist",
  2304: "Object status prohibits operation",
  2306: "Parameter value policy error",
  2307: "Unimplemented object service",
  2400: "Command failed",
  2500: "Command failed; server closing connection",
  2501: "Authentication error; server closing connection",
};

/** RFC 5730 §3: transform commands change objects; the fault switches for answers to changes act on these. */
const TRANSFORMS = new Set(["create", "delete", "renew", "transfer", "update"]);

export const defaultSettings = (): EppSettings => ({
  pendingInfos: 0, staleCheck: false, hostObjects: true, authInfoPolicy: true, reserved: {}, maxFailedLogins: 3, loseRenewAnswer: false, defaultNamespace: false, dateStyle: "iso", booleanWords: false, msgQueue: 0,
  tlds: ["com", "net", "org", "example", "xn--p1ai"], maxCheck: 50, transferPendingMs: 5 * 86_400_000, transferStalls: false, maxYears: 10,
});

/** RFC 5730 §2.4: the greeting's svcMenu lists the object services a client may log in with. */
export const objectServices = (settings: EppSettings) => [DOMAIN_NS, CONTACT_NS, ...(settings.hostObjects ? [HOST_NS] : [])];

export function greeting(settings: EppSettings): string {
  const dcp = "<dcp><access><all/></access><statement><purpose><admin/><prov/></purpose><recipient><ours/></recipient><retention><stated/></retention></statement></dcp>";
  const uris = objectServices(settings).map((u) => el("objURI", u)).join("");
  return eppDocument(
    `<greeting>${el("svID", "Provisio EPP simulator")}${el("svDate", new Date().toISOString())}` +
      `<svcMenu><version>1.0</version><lang>en</lang>${uris}<svcExtension>${el("extURI", RGP_NS)}</svcExtension></svcMenu>${dcp}</greeting>`,
  );
}

/** protocols.md §5: servers may answer in a default namespace (<renData xmlns="…domain-1.0">) instead of a prefix. */
const unprefixed = (xml: string) => xml.replace(/<(\/?)(?:domain|contact|host|rgp):/g, "<$1").replace(/xmlns:(?:domain|contact|host|rgp)=/g, "xmlns=");

export function createRegistry(options: { clID: string; password: string; settings: EppSettings; faults: () => SimFaults }) {
  const state: EppState = { domains: {}, contacts: {}, hosts: {}, calls: [], failedLogins: 0, locked: false, messages: [] };
  let seq = 0;
  const registry: Registry = { me: options.clID, state, settings: options.settings, faults: options.faults, nextId: (p) => `${p}${++seq}-SIM` };

  const response = (r: Result, clTRID: string | undefined) =>
    eppDocument(
      `<response><result code="${r.code}">${el("msg", MESSAGES[r.code] ?? "Command failed")}` +
        (r.reason ? `<extValue><value>${el("text", "")}</value>${el("reason", r.reason)}</extValue>` : "") +
        `</result>` +
        // epp-1.0.xsd responseType: result+, msgQ?, resData?, extension?, trID.
        (r.msgQ ?? "") +
        (!r.msgQ && options.settings.msgQueue > 0 ? `<msgQ count="${options.settings.msgQueue}" id="MSG-1"><qDate>2026-01-01T00:00:00.0Z</qDate><msg>Transfer requested</msg></msgQ>` : "") +
        `${r.resData ? `<resData>${options.settings.defaultNamespace ? unprefixed(r.resData) : r.resData}</resData>` : ""}` +
        (r.extension ? `<extension>${options.settings.defaultNamespace ? unprefixed(r.extension) : r.extension}</extension>` : "") +
        `<trID>${clTRID ? el("clTRID", clTRID) : ""}${el("svTRID", `SIM-${++seq}`)}</trID></response>`,
    );

  function login(session: EppSession, command: XmlElement): { r: Result; end?: boolean } {
    if (session.clID) return { r: result(2002, "Already logged in") };
    // protocols.md §5: 2501 (e.g. an account locked after failed logins) closes the connection.
    if (state.locked) return { r: result(2501, "Account locked after failed logins"), end: true };
    const text = (local: string) => childOf(command, EPP_NS, local)?.text ?? "";
    if (text("clID") !== options.clID || text("pw") !== options.password) {
      state.locked = ++state.failedLogins >= options.settings.maxFailedLogins;
      return { r: result(2200) };
    }
    // protocols.md §5 (Nomulus login flow): an objURI the greeting did not offer is 2307.
    const asked = childrenOf(childOf(command, EPP_NS, "svcs"), EPP_NS, "objURI").map((u) => u.text.trim());
    const unknown = asked.find((u) => !objectServices(options.settings).includes(u));
    if (unknown) return { r: result(2307, `Object service ${unknown} is not offered`) };
    // RFC 5730 §2.9.1.1 and RFC 3915 §4: extensions the client names at login; this registry offers rgp-1.0 only (2103 otherwise).
    const extensions = childrenOf(childOf(childOf(command, EPP_NS, "svcs"), EPP_NS, "svcExtension"), EPP_NS, "extURI").map((u) => u.text.trim());
    const unknownExt = extensions.find((u) => u !== RGP_NS);
    if (unknownExt) return { r: result(2103, `Extension ${unknownExt} is not offered`) };
    state.failedLogins = 0;
    session.clID = options.clID;
    session.services = asked;
    session.extensions = extensions;
    return { r: result(1000) };
  }

  return {
    state,
    registry,

    /** The answer to one frame; whether the server then closes the session; drop: close without answering. */
    handle(session: EppSession, frame: string): { xml: string; end?: boolean; drop?: boolean } {
      let root: XmlElement;
      try {
        root = parseXml(frame);
      } catch (error) {
        // RFC 5730 §3: a frame that is not well-formed XML is a command syntax error.
        state.calls.push({ command: "?", code: 2001 });
        return { xml: response(result(2001, (error as Error).message), undefined) };
      }
      // RFC 5730 §2 and §3: a server validates every frame against the EPP schemas; an element out of its
      // xs:sequence order, a missing required element or attribute, or a broken facet is 2001.
      const invalid = schemaError(root);
      if (invalid) {
        state.calls.push({ command: "?", code: 2001 });
        return { xml: response(result(2001, invalid), childOf(childOf(root, EPP_NS, "command"), EPP_NS, "clTRID")?.text.trim()) };
      }
      if (childOf(root, EPP_NS, "hello")) return { xml: greeting(options.settings) };
      const command = root.ns === EPP_NS && root.local === "epp" ? childOf(root, EPP_NS, "command") : undefined;
      const clTRID = childOf(command, EPP_NS, "clTRID")?.text.trim();
      const verbEl = command?.children.find((c) => c.ns === EPP_NS && c.local !== "clTRID" && c.local !== "extension");
      const verb = verbEl?.local ?? "";
      const object = verbEl?.children[0];
      const kind = object?.ns === DOMAIN_NS ? "domain" : object?.ns === CONTACT_NS ? "contact" : object?.ns === HOST_NS ? "host" : null;
      const name = kind && object ? (childOf(object, object.ns, kind === "contact" ? "id" : "name")?.text.trim() ?? undefined) : undefined;
      const answer = (r: Result, end?: boolean) => {
        state.calls.push({ command: kind ? `${kind}:${verb}` : verb || "?", name, code: r.code, clTRID });
        return { xml: response(r, clTRID), end };
      };
      if (!verbEl) return answer(result(2001));
      if (verb === "login") {
        const { r, end } = login(session, verbEl);
        return answer(r, end);
      }
      if (!session.clID) return answer(result(2002, "Log in first"));
      if (verb === "logout") return answer(result(1500), true);
      if (verb === "poll") return answer(pollCommand(registry, session.clID, verbEl.attrs.op ?? "", verbEl.attrs.msgID));
      if (!kind || !object) return answer(result(2000));
      // RFC 5730 §2.9.1.1: a client uses only the object services it named at login (2307 otherwise, unconf. code).
      if (!session.services.includes(object.ns)) return answer(result(2307, `Not logged in with ${object.ns}`));
      const faults = options.faults();
      if (faults.ambiguous && TRANSFORMS.has(verb)) {
        // Fault: an answer cut off mid-frame that still contains code="1000"; the change was not carried out.
        state.calls.push({ command: `${kind}:${verb}`, name, code: 0, clTRID });
        const whole = response(result(1000), clTRID);
        return { xml: whole.slice(0, whole.indexOf("</result>") + "</result>".length) + "<resData>" };
      }
      const r =
        kind === "domain" ? domainCommand(registry, verb, object, session.extensions.includes(RGP_NS), verbEl.attrs.op ?? "")
        : kind === "contact" ? contactCommand(registry, verb, object)
        : hostCommand(registry, verb, object);
      const lose = kind === "domain" && r.code < 2000 && (verb === "create" ? faults.loseAnswer : verb === "renew" && options.settings.loseRenewAnswer);
      if (lose) {
        // Fault: the change was carried out, then the connection dropped before the answer.
        if (verb === "create") faults.loseAnswer = false;
        else options.settings.loseRenewAnswer = false;
        state.calls.push({ command: `domain:${verb}`, name, code: r.code, clTRID });
        return { xml: "", drop: true };
      }
      return answer(r);
    },

    /** A failure answer for the fault switches. */
    failure(frame: string, code: 2400 | 2500) {
      const clTRID = /<(?:\w+:)?clTRID>([^<]*)</.exec(frame)?.[1];
      state.calls.push({ command: /<(?:\w+:)?command>\s*<(?:\w+:)?(\w+)/.exec(frame)?.[1] ?? "?", code });
      return response(result(code), clTRID);
    },

    inspect: () => ({
      domains: Object.values(state.domains).map(({ authInfo: _hidden, ...d }) => d),
      contacts: Object.values(state.contacts).map(({ authInfo: _hidden, ...c }) => c),
      hosts: Object.values(state.hosts),
      calls: state.calls,
      locked: state.locked,
      settings: options.settings,
    }),

    reset() {
      Object.assign(state, { domains: {}, contacts: {}, hosts: {}, calls: [], failedLogins: 0, locked: false, messages: [] });
    },
  };
}
