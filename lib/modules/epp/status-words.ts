/**
 * What a registry status (RFC 5731 §2.3, RFC 3915 §3) means for the domain's owner, in plain words. Only the
 * statuses that change what the domain does are here; "ok" and the registrar lock are said elsewhere.
 */
export const statusMeaning: Record<string, string> = {
  clientHold: "on hold by us: the domain does not resolve until the hold is lifted",
  serverHold: "on hold by the registry: the domain does not resolve; the registry lifts the hold once its issue is settled",
  redemptionPeriod: "expired and in its redemption period: it no longer works and can still be restored for a fee, then it is deleted",
  pendingRestore: "being restored after expiry",
  pendingDelete: "about to be deleted by the registry: it can no longer be renewed",
  pendingTransfer: "being transferred between registrars",
  pendingCreate: "still being registered",
  serverTransferProhibited: "locked against transfers by the registry",
  serverUpdateProhibited: "locked against changes by the registry",
  serverRenewProhibited: "cannot be renewed by order of the registry",
};

/** The statuses worth telling the owner, the most serious first (the RGP states say more than pendingDelete). */
export function meaningfulStatuses(status: string[]): string[] {
  const order = ["redemptionPeriod", "pendingRestore", "pendingDelete", "serverHold", "clientHold", "pendingTransfer", "pendingCreate", "serverRenewProhibited", "serverUpdateProhibited", "serverTransferProhibited"];
  const said = order.filter((s) => status.includes(s));
  // A domain in redemption also carries pendingDelete (RFC 3915): one sentence for both.
  return status.includes("redemptionPeriod") ? said.filter((s) => s !== "pendingDelete") : said;
}

/** The plain words for a domain's statuses, in English (stored with the service's details). */
export function describeStatuses(status: string[]): string {
  return meaningfulStatuses(status)
    .map((s) => statusMeaning[s]!)
    .join("; ");
}
