import type { OperationKind, ServiceStatus } from "../vocabulary";

/** The status a service has once an operation of this kind is done (null: unchanged). */
export function statusAfter(kind: OperationKind): ServiceStatus | null {
  switch (kind) {
    case "open":
    case "resume":
      return "active";
    case "suspend":
      return "suspended";
    case "close":
      return "closed";
    default:
      return null;
  }
}

export const doneMessage: Record<OperationKind, string> = {
  open: "Service set up",
  suspend: "Service suspended",
  resume: "Service resumed",
  close: "Service closed",
  prolong: "Service renewed on the panel",
  change_tariff: "Tariff changed on the panel",
  sync: "Synchronised with the panel",
  manage: "Domain settings changed at the registry",
};

export const emailEventFor: Partial<Record<OperationKind, "welcome" | "suspended" | "resumed" | "closed" | "renewed">> = {
  open: "welcome",
  suspend: "suspended",
  resume: "resumed",
  close: "closed",
  prolong: "renewed",
};

export const webhookEventFor = {
  active: "service.active",
  suspended: "service.suspended",
  closed: "service.closed",
} as const;
