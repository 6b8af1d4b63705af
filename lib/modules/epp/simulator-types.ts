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
};

export type EppContact = {
  id: string; roid: string; clID: string; postalType: "int" | "loc"; name: string; city: string; cc: string;
  street?: string; voice?: string; email: string; authInfo: string;
};
export type EppHost = { name: string; roid: string; clID: string; addrs: string[]; superordinate?: string };
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
  /** The TLDs the registry serves: domains under them only; hosts under them are in-bailiwick. */
  tlds: string[];
};
export type EppState = {
  domains: Record<string, EppDomain>; contacts: Record<string, EppContact>; hosts: Record<string, EppHost>; calls: EppCall[];
  failedLogins: number; locked: boolean;
};
/** A connection: the logged-in client and the object services it logged in with. */
export type EppSession = { clID: string | null; services: string[] };

/** One answer: a result code, the resData, and the registry's reason (RFC 5730 §2.6 extValue/reason). */
export type Result = { code: number; resData?: string; reason?: string };
export const result = (code: number, reason?: string): Result => ({ code, reason });

export type Registry = {
  me: string; state: EppState; settings: EppSettings; faults: () => SimFaults; nextId(prefix: string): string;
};

