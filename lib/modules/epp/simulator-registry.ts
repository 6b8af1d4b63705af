import type { SimFaults } from "../simulator-server";
import { attrOf, CONTACT_NS, DOMAIN_NS, el, elements, eppDocument, textOf, textsOf } from "./xml";

/** The registry behind the EPP simulator: objects, rules and result codes, without the transport. */

export type EppDomain = {
  name: string;
  roid: string;
  /** The sponsoring registrar; "other-registrar" for the exists fault. */
  clID: string;
  crDate: string;
  exDate: string;
  status: string[];
  ns: string[];
  registrant: string;
  contacts: Record<string, string>;
  authInfo: string;
  /** Info calls by the sponsor before a pendingCreate becomes ok. */
  pendingInfos: number;
  renewals: number;
};

export type EppContact = { id: string; roid: string; clID: string; name: string; email: string; cc: string };
export type EppCall = { command: string; name?: string; code: number; clTRID?: string };
export type EppSettings = {
  /** Creates answer 1001 and stay pendingCreate for this many info calls; 0 creates at once. */
  pendingInfos: number;
  /** Check answers from a stale cache that calls every name available, as some registries' checks do. */
  staleCheck: boolean;
};
export type EppState = { domains: Record<string, EppDomain>; contacts: Record<string, EppContact>; calls: EppCall[] };
export type EppSession = { clID: string | null };

const MESSAGES: Record<number, string> = {
  1000: "Command completed successfully",
  1001: "Command completed successfully; action pending",
  1500: "Command completed successfully; ending session",
  2000: "Unknown command",
  2001: "Command syntax error",
  2002: "Command use error",
  2003: "Required parameter missing",
  2005: "Parameter value syntax error",
  2200: "Authentication error",
  2201: "Authorization error",
  2302: "Object exists",
  2303: "Object does not exist",
  2304: "Object status prohibits operation",
  2306: "Parameter value policy error",
  2400: "Command failed",
  2500: "Command failed; server closing connection",
};

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/;
const CONTACT_ID = /^[A-Za-z0-9_-]{3,16}$/;
const OTHER = "other-registrar";
const ymd = (iso: string) => iso.slice(0, 10);
const plusYears = (iso: string, years: number) => {
  const date = new Date(iso);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString();
};

export function greeting(): string {
  const dcp = "<dcp><access><all/></access><statement><purpose><admin/><prov/></purpose><recipient><ours/></recipient><retention><stated/></retention></statement></dcp>";
  return eppDocument(
    `<greeting>${el("svID", "Provisio EPP simulator")}${el("svDate", new Date().toISOString())}` +
      `<svcMenu><version>1.0</version><lang>en</lang><objURI>${DOMAIN_NS}</objURI><objURI>${CONTACT_NS}</objURI></svcMenu>${dcp}</greeting>`,
  );
}

export function createRegistry(options: { clID: string; password: string; settings: EppSettings; faults: () => SimFaults }) {
  const state: EppState = { domains: {}, contacts: {}, calls: [] };
  let seq = 0;

  const response = (code: number, clTRID: string | undefined, resData = "") =>
    eppDocument(
      `<response><result code="${code}">${el("msg", MESSAGES[code] ?? "Command failed")}</result>` +
        (resData ? `<resData>${resData}</resData>` : "") +
        `<trID>${clTRID ? el("clTRID", clTRID) : ""}${el("svTRID", `SIM-${++seq}`)}</trID></response>`,
    );

  function foreignOnFault(name: string) {
    const faults = options.faults();
    if (!faults.exists || !DOMAIN.test(name)) return;
    faults.exists = false;
    const now = new Date().toISOString();
    state.domains[name] ??= {
      name, roid: `D${++seq}-SIM`, clID: OTHER, crDate: now, exDate: plusYears(now, 1), status: ["ok"], ns: [],
      registrant: "other1", contacts: {}, authInfo: "not-yours", pendingInfos: 0, renewals: 0,
    };
  }

  const domainData = (tag: string, inner: string) => `<domain:${tag} xmlns:domain="${DOMAIN_NS}">${inner}</domain:${tag}>`;
  const contactData = (tag: string, inner: string) => `<contact:${tag} xmlns:contact="${CONTACT_NS}">${inner}</contact:${tag}>`;

  function domainInfo(d: EppDomain, sponsor: boolean): string {
    const status = d.status.map((s) => `<domain:status s="${s}"/>`).join("");
    const common = el("domain:name", d.name) + el("domain:roid", d.roid) + status;
    // RFC 5731 §3.1.2: a client that does not sponsor the domain gets no contacts nor authInfo.
    if (!sponsor) return domainData("infData", common + el("domain:clID", d.clID));
    const contacts = Object.entries(d.contacts).map(([type, id]) => el("domain:contact", id, { type })).join("");
    const ns = d.ns.length ? `<domain:ns>${d.ns.map((h) => el("domain:hostObj", h)).join("")}</domain:ns>` : "";
    return domainData(
      "infData",
      common + el("domain:registrant", d.registrant) + contacts + ns + el("domain:clID", d.clID) + el("domain:crID", d.clID) +
        el("domain:crDate", d.crDate) + el("domain:exDate", d.exDate) + `<domain:authInfo>${el("domain:pw", d.authInfo)}</domain:authInfo>`,
    );
  }

  function createDomain(me: string, xml: string): [number, string?] {
    const name = (textOf(xml, "name") ?? "").toLowerCase();
    if (!DOMAIN.test(name)) return [2005];
    foreignOnFault(name);
    if (state.domains[name]) return [2302];
    const period = elements(xml, "period")[0];
    const years = Number(period?.inner ?? 1);
    if ((period && attrOf(period.attrs, "unit") !== "y") || !Number.isInteger(years) || years < 1 || years > 10) return [2306];
    const registrant = textOf(xml, "registrant") ?? "";
    if (state.contacts[registrant]?.clID !== me) return [2303];
    const authInfo = textOf(xml, "pw");
    if (!authInfo) return [2003];
    const now = new Date().toISOString();
    const pendingInfos = options.settings.pendingInfos;
    const contacts = Object.fromEntries(elements(xml, "contact").map((c) => [attrOf(c.attrs, "type") ?? "", c.inner.trim()]));
    const d: EppDomain = {
      name, roid: `D${++seq}-SIM`, clID: me, crDate: now, exDate: plusYears(now, years), status: [pendingInfos > 0 ? "pendingCreate" : "ok"],
      ns: textsOf(xml, "hostObj"), registrant, contacts, authInfo, pendingInfos, renewals: 0,
    };
    state.domains[name] = d;
    return [pendingInfos > 0 ? 1001 : 1000, domainData("creData", el("domain:name", name) + el("domain:crDate", d.crDate) + el("domain:exDate", d.exDate))];
  }

  function renewDomain(me: string, xml: string): [number, string?] {
    const d = state.domains[(textOf(xml, "name") ?? "").toLowerCase()];
    if (!d) return [2303];
    if (d.clID !== me) return [2201];
    if (d.status.includes("pendingCreate")) return [2304];
    const years = Number(textOf(xml, "period") ?? 1);
    if (textOf(xml, "curExpDate") !== ymd(d.exDate) || !Number.isInteger(years) || years < 1 || years > 10) return [2306];
    d.exDate = plusYears(d.exDate, years);
    d.renewals += 1;
    return [1000, domainData("renData", el("domain:name", d.name) + el("domain:exDate", d.exDate))];
  }

  function domainCommand(me: string, verb: string, xml: string): [number, string?] {
    const name = (textOf(xml, "name") ?? "").toLowerCase();
    switch (verb) {
      case "check": {
        const names = textsOf(xml, "name").map((n) => n.toLowerCase());
        if (names[0]) foreignOnFault(names[0]);
        const cds = names.map((n) => `<domain:cd>${el("domain:name", n, { avail: state.domains[n] && !options.settings.staleCheck ? 0 : 1 })}</domain:cd>`);
        return [1000, domainData("chkData", cds.join(""))];
      }
      case "create":
        return createDomain(me, xml);
      case "info": {
        const d = state.domains[name];
        if (!d) return [2303];
        if (d.clID === me && d.pendingInfos > 0 && --d.pendingInfos === 0) d.status = ["ok"];
        return [1000, domainInfo(d, d.clID === me)];
      }
      case "renew":
        return renewDomain(me, xml);
      default:
        return [2000];
    }
  }

  function contactCommand(me: string, verb: string, xml: string): [number, string?] {
    const id = textOf(xml, "id") ?? "";
    if (verb === "create") {
      if (!CONTACT_ID.test(id)) return [2005];
      if (state.contacts[id]) return [2302];
      const cc = textOf(xml, "cc") ?? "";
      if (!/^[A-Z]{2}$/.test(cc) || !textOf(xml, "email")) return [2306];
      state.contacts[id] = { id, roid: `C${++seq}-SIM`, clID: me, name: textOf(xml, "name") ?? "", email: textOf(xml, "email") ?? "", cc };
      return [1000, contactData("creData", el("contact:id", id) + el("contact:crDate", new Date().toISOString()))];
    }
    if (verb === "info") {
      const c = state.contacts[id];
      if (!c) return [2303];
      return [1000, contactData("infData", el("contact:id", c.id) + el("contact:roid", c.roid) + el("contact:clID", c.clID))];
    }
    return [2000];
  }

  return {
    state,

    /** The answer to one frame, and whether the server then closes the session. */
    handle(session: EppSession, xml: string): { xml: string; end?: boolean } {
      const clTRID = textOf(xml, "clTRID");
      if (/<hello\s*\/>/.test(xml)) return { xml: greeting() };
      const verb = /<command>\s*<(\w+)/.exec(xml)?.[1] ?? "";
      const object = /<(domain|contact):(\w+)/.exec(xml);
      const answer = (code: number, resData?: string) => {
        state.calls.push({ command: object ? `${object[1]}:${verb}` : verb || "?", name: textOf(xml, object?.[1] === "contact" ? "id" : "name"), code, clTRID });
        return response(code, clTRID, resData);
      };
      if (!verb) return { xml: answer(2001) };
      if (verb === "login") {
        if (session.clID) return { xml: answer(2002) };
        if (textOf(xml, "clID") !== options.clID || textOf(xml, "pw") !== options.password) return { xml: answer(2200) };
        session.clID = options.clID;
        return { xml: answer(1000) };
      }
      if (!session.clID) return { xml: answer(2002) };
      if (verb === "logout") return { xml: answer(1500), end: true };
      const [code, resData] =
        object?.[1] === "domain" ? domainCommand(session.clID, verb, xml)
        : object?.[1] === "contact" ? contactCommand(session.clID, verb, xml)
        : [2000];
      return { xml: answer(code, resData) };
    },

    /** A failure answer for the fault switches. */
    failure(xml: string, code: 2400 | 2500) {
      state.calls.push({ command: /<command>\s*<(\w+)/.exec(xml)?.[1] ?? "?", code });
      return response(code, textOf(xml, "clTRID"));
    },

    inspect: () => ({
      domains: Object.values(state.domains).map(({ authInfo: _hidden, ...d }) => d),
      contacts: Object.values(state.contacts),
      calls: state.calls,
      settings: options.settings,
    }),

    reset() {
      state.domains = {};
      state.contacts = {};
      state.calls = [];
    },
  };
}
