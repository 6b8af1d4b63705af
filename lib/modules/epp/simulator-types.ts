import type { SimFaults } from "../simulator-server";

/** The simulated registry's objects and settings. */

export type EppDomain = {
  name: string;
  roid: string;
  /** The sponsoring registrar; "other-registrar" for the exists fault. */
  clID: string;
  crDate: string;
  exDate: string;
  status: string[];
  /** Host names: host objects, or host attributes where the registry has no host objects. */
  ns: string[];
  /** Glue of host attributes, by host name. */
  glue: Record<string, string[]>;
  registrant: string;
  contacts: Record<string, string>;
  authInfo: string;
  /** Info calls by the sponsor before a pendingCreate becomes ok. */
  pendingInfos: number;
  renewals: number;
  /** The last transfer of the domain (RFC 5731 §3.2.4): what a transfer query answers. */
  transfer?: EppTransfer;
};

/** RFC 5731 §2.6 trStatus, with the requesting (reID) and acting (acID) registrars and the period the requester paid for. */
export type EppTransfer = {
  trStatus: "pending" | "clientApproved" | "clientCancelled" | "clientRejected" | "serverApproved" | "serverCancelled";
  reID: string; reDate: string; acID: string; acDate: string; years: number;
};
/** RFC 5730 §2.9.2.3: a service message waiting in a registrar's poll queue. */
export type EppMessage = { id: string; clID: string; qDate: string; msg: string; resData?: string };

export type EppContact = {
  id: string; roid: string; clID: string; postalType: "int" | "loc"; name: string; city: string; cc: string;
  street?: string; voice?: string; email: string; authInfo: string; crDate?: string;
};
export type EppHost = { name: string; roid: string; clID: string; addrs: string[]; superordinate?: string; crDate?: string };
export type EppCall = { command: string; name?: string; code: number; clTRID?: string };
export type EppSettings = {
  /** Creates answer 1001 and stay pendingCreate for this many info calls; 0 creates at once. */
  pendingInfos: number;
  /** Check answers from a stale cache that calls every name available, as some registries' checks do. */
  staleCheck: boolean;
  /** Host objects (host-1.0 offered, name servers must exist as hosts), else host attributes with glue (RFC 5731 §1.1). */
  hostObjects: boolean;
  /** Identity Digital's rule: a domain authInfo of 8–32 characters with a letter, a digit and a special character. */
  authInfoPolicy: boolean;
  /** Reserved or blocked names and the registry's reason: check says avail="0" with it, info says 2303. */
  reserved: Record<string, string>;
  /** Failed logins after which the account is locked: every later login is 2501 and the connection closes. */
  maxFailedLogins: number;
  /** The next renew is carried out, then the connection drops before the answer (the renew side of loseAnswer). */
  loseRenewAnswer: boolean;
  /** Answers carry resData in a default namespace rather than with prefixes. */
  defaultNamespace: boolean;
  /**
   * How answers write xs:dateTime: "iso" 2027-03-01T10:00:00.000Z, "plain" without fractional seconds, "offset"
   * in +03:00 with six fractional digits (the registry's calendar day, which curExpDate must match, is then the
   * day at +03:00).
   */
  dateStyle: "iso" | "plain" | "offset";
  /** Messages waiting in the poll queue: every answer then carries <msgQ count id> (RFC 5730 §2.6), as real registries do. */
  msgQueue: number;
  /** check answers write avail as xs:boolean words ("true"/"false") instead of "1"/"0". */
  booleanWords: boolean;
  /** The TLDs the registry serves: domains under them only; hosts under them are in-bailiwick. */
  tlds: string[];
  /** Names one domain:check may carry; more is refused whole (Nomulus: 2306 "Too many resource checks requested", at 50). */
  maxCheck: number;
  /** The registry's pending period of a transfer: after it the registry approves the transfer itself (serverApproved). */
  transferPendingMs: number;
  /**
   * Fault switch: a registry that lets the pending period pass without acting (neither its own approval nor a
   * cancel), so the transfer stays "pending" past acDate until someone cancels it.
   */
  transferStalls: boolean;
  /** Years a registration may run ahead of today (Nomulus: 10); a renew or transfer beyond it is 2306. */
  maxYears: number;
};
export type EppState = {
  domains: Record<string, EppDomain>; contacts: Record<string, EppContact>; hosts: Record<string, EppHost>; calls: EppCall[];
  failedLogins: number; locked: boolean; messages: EppMessage[];
};
/** A connection: the logged-in client and the object services it logged in with. */
export type EppSession = { clID: string | null; services: string[]; extensions: string[] };

/** One answer: a result code, the resData, its extension, and the registry's reason (RFC 5730 §2.6 extValue/reason). */
export type Result = { code: number; resData?: string; extension?: string; reason?: string; msgQ?: string };
export const result = (code: number, reason?: string): Result => ({ code, reason });

/** An instant as this registry writes xs:dateTime (settings.dateStyle), and its calendar day there. */
export function wireDate(settings: EppSettings, iso: string): { text: string; day: string } {
  const at = new Date(iso);
  if (settings.dateStyle === "plain") return { text: at.toISOString().replace(/\.\d+Z$/, "Z"), day: iso.slice(0, 10) };
  if (settings.dateStyle !== "offset") return { text: at.toISOString(), day: at.toISOString().slice(0, 10) };
  const local = new Date(at.getTime() + 3 * 3_600_000).toISOString();
  return { text: `${local.slice(0, 19)}.${String(at.getUTCMilliseconds()).padStart(3, "0")}000+03:00`, day: local.slice(0, 10) };
}
/** An xs:boolean as this registry writes it. */
export const wireBoolean = (settings: EppSettings, value: boolean) => (settings.booleanWords ? String(value) : value ? "1" : "0");

export type Registry = {
  me: string; state: EppState; settings: EppSettings; faults: () => SimFaults; nextId(prefix: string): string;
};

