import { addYears } from "./dates";
import { result, wireDate, type EppDomain, type EppTransfer, type Registry, type Result } from "./simulator-types";
import { childOf, DOMAIN_NS, el, type XmlElement } from "./xml";

/**
 * RFC 5731 §3.2.4 domain:transfer of the simulated registry (request, query, approve, reject, cancel), the
 * registry's pending period with its own approval at the end (serverApproved), and the RFC 5730 §2.9.2.3
 * poll queue that tells both registrars what became of a transfer.
 */

/** The other side of a transfer in tests: the registrar that holds a domain before it moves to us. */
export const LOSING = "other-registrar";
/** RFC 5731 §2.3: statuses under which the registry refuses a transfer request (2304). */
const NO_TRANSFER = ["clientTransferProhibited", "serverTransferProhibited", "pendingDelete", "pendingCreate", "redemptionPeriod", "pendingRestore"];

const D = (parent: XmlElement | undefined, local: string) => childOf(parent, DOMAIN_NS, local);
const text = (parent: XmlElement | undefined, local: string) => D(parent, local)?.text.trim() ?? "";
const trnData = (reg: Registry, d: EppDomain, t: EppTransfer) =>
  `<domain:trnData xmlns:domain="${DOMAIN_NS}">${el("domain:name", d.name)}${el("domain:trStatus", t.trStatus)}` +
  `${el("domain:reID", t.reID)}${el("domain:reDate", wireDate(reg.settings, t.reDate).text)}${el("domain:acID", t.acID)}` +
  `${el("domain:acDate", wireDate(reg.settings, t.acDate).text)}${el("domain:exDate", wireDate(reg.settings, projected(d, t)).text)}</domain:trnData>`;

/** The expiry the domain has (or will have) after the transfer: the paid period is added when it completes. */
const projected = (d: EppDomain, t: EppTransfer) => (t.trStatus === "pending" ? addYears(new Date(d.exDate), t.years).toISOString() : d.exDate);

const MESSAGES: Record<EppTransfer["trStatus"], string> = {
  pending: "Transfer requested.",
  clientApproved: "Transfer approved by the sponsoring registrar.",
  clientRejected: "Transfer rejected by the sponsoring registrar.",
  clientCancelled: "Transfer cancelled by the requesting registrar.",
  serverApproved: "Transfer approved by the registry at the end of the pending period.",
  serverCancelled: "Transfer cancelled by the registry.",
};

/** RFC 5730 §2.9.2.3: each registrar concerned finds a message with the trnData in its poll queue. */
function notify(reg: Registry, d: EppDomain, t: EppTransfer, to: string[]) {
  for (const clID of new Set(to)) {
    reg.state.messages.push({ id: reg.nextId("M"), clID, qDate: new Date().toISOString(), msg: MESSAGES[t.trStatus], resData: trnData(reg, d, t) });
  }
}

/** Ends a pending transfer: approved moves the domain to the requester with the paid years; anything else leaves it. */
export function finishTransfer(reg: Registry, d: EppDomain, trStatus: Exclude<EppTransfer["trStatus"], "pending">, at = new Date()) {
  const t = d.transfer;
  if (!t || t.trStatus !== "pending") return false;
  t.trStatus = trStatus;
  t.acDate = at.toISOString();
  d.status = d.status.filter((s) => s !== "pendingTransfer");
  if (!d.status.length) d.status = ["ok"];
  if (trStatus === "clientApproved" || trStatus === "serverApproved") {
    d.exDate = addYears(new Date(d.exDate), t.years).toISOString();
    d.clID = t.reID;
    // The gaining registrar sets its own authInfo: the old one was known to the registrant and the losing registrar.
    d.authInfo = `reset-${reg.nextId("A")}`;
  }
  notify(reg, d, t, [t.reID, t.acID]);
  return true;
}

/** The registry's own approval once the pending period is over (RFC 5731 §3.2.4: "serverApproved"). */
export function settleTransfers(reg: Registry, now = new Date()) {
  if (reg.settings.transferStalls) return;
  for (const d of Object.values(reg.state.domains)) {
    if (d.transfer?.trStatus === "pending" && new Date(d.transfer.acDate).getTime() <= now.getTime()) finishTransfer(reg, d, "serverApproved", new Date(d.transfer.acDate));
  }
}

function request(reg: Registry, d: EppDomain, cmd: XmlElement): Result {
  // Nomulus transfer request flow: the sponsor cannot transfer to itself (2002); one transfer at a time (2300).
  if (d.clID === reg.me) return result(2002, "The domain is already sponsored by this registrar");
  if (d.transfer?.trStatus === "pending") return result(2300);
  const pw = text(D(cmd, "authInfo"), "pw");
  if (!pw) return result(2003, "authInfo is required to request a transfer");
  // RFC 5731 §3.2.4: the authInfo proves the registrant's consent; a wrong one is 2202.
  if (pw !== d.authInfo) return result(2202);
  const blocked = NO_TRANSFER.find((s) => d.status.includes(s));
  if (blocked) return result(2304, `Domain is ${blocked}`);
  const period = D(cmd, "period");
  const years = Number(period?.text.trim() ?? 1);
  if (period && period.attrs.unit !== "y") return result(2306, "Periods are in years");
  if (!Number.isInteger(years) || years < 1 || years > 10) return result(2004, "Period must be 1-10 years");
  if (addYears(new Date(d.exDate), years) > addYears(new Date(), reg.settings.maxYears)) {
    return result(2306, `The expiry would be more than ${reg.settings.maxYears} years ahead`);
  }
  const now = new Date();
  d.transfer = { trStatus: "pending", reID: reg.me, reDate: now.toISOString(), acID: d.clID, acDate: new Date(now.getTime() + reg.settings.transferPendingMs).toISOString(), years };
  d.status = [...d.status.filter((s) => s !== "ok"), "pendingTransfer"];
  notify(reg, d, d.transfer, [d.transfer.acID]);
  // RFC 5731 §3.2.4: a transfer request that needs the other registrar's action is answered 1001 with trnData.
  return { code: 1001, resData: trnData(reg, d, d.transfer) };
}

/** domain:transfer op=request|query|approve|reject|cancel. */
export function transferCommand(reg: Registry, op: string, cmd: XmlElement): Result {
  settleTransfers(reg);
  const d = reg.state.domains[text(cmd, "name").toLowerCase()];
  if (!d) return result(2303);
  if (op === "request") return request(reg, d, cmd);
  const t = d.transfer;
  const party = t && (t.reID === reg.me || t.acID === reg.me);
  if (op === "query") {
    // RFC 5731 §3.1.3: the parties of the transfer, or anyone with the authInfo, may ask; 2301 with no transfer on record.
    if (!t) return result(2301);
    if (!party && text(D(cmd, "authInfo"), "pw") !== d.authInfo) return result(2201);
    return { code: 1000, resData: trnData(reg, d, t) };
  }
  if (!t || t.trStatus !== "pending") return result(2301);
  // Approve and reject belong to the sponsoring (losing) registrar, cancel to the requester (2201 for anyone else).
  if (op === "approve" || op === "reject") {
    if (d.clID !== reg.me) return result(2201);
    finishTransfer(reg, d, op === "approve" ? "clientApproved" : "clientRejected");
    return { code: 1000, resData: trnData(reg, d, t) };
  }
  if (op === "cancel") {
    if (t.reID !== reg.me) return result(2201);
    finishTransfer(reg, d, "clientCancelled");
    return { code: 1000, resData: trnData(reg, d, t) };
  }
  return result(2005, `Unknown transfer op '${op}'`);
}

/** RFC 5730 §2.9.2.3 poll: op=req shows the oldest message (1301) or none (1300); op=ack removes one by msgID. */
export function pollCommand(reg: Registry, clID: string, op: string, msgID: string | undefined): Result {
  settleTransfers(reg);
  const mine = () => reg.state.messages.filter((m) => m.clID === clID);
  if (op === "ack") {
    const i = reg.state.messages.findIndex((m) => m.clID === clID && m.id === msgID);
    // Nomulus poll ack flow: an unknown message id is 2303.
    if (i < 0) return result(2303, `No message ${msgID ?? ""}`);
    reg.state.messages.splice(i, 1);
    const rest = mine();
    return { code: 1000, msgQ: rest.length ? `<msgQ count="${rest.length}" id="${rest[0]!.id}"/>` : undefined };
  }
  if (op !== "req") return result(2005, `Unknown poll op '${op}'`);
  const queue = mine();
  const first = queue[0];
  if (!first) return result(1300);
  return {
    code: 1301,
    msgQ: `<msgQ count="${queue.length}" id="${first.id}">${el("qDate", wireDate(reg.settings, first.qDate).text)}${el("msg", first.msg)}</msgQ>`,
    resData: first.resData,
  };
}
