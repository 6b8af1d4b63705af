import type { OperationKind, OrderParams, TaskReason } from "../vocabulary";

const operationWords: Record<OperationKind, string> = {
  open: "Set up",
  suspend: "Suspend",
  resume: "Resume",
  close: "Close",
  prolong: "Renew",
  change_tariff: "Change tariff of",
  sync: "Sync",
  manage: "Change domain settings of",
};

export const taskReasonText: Record<TaskReason, string> = {
  manual_handler: "Manual setup: staff do this by hand",
  escalated: "Automatic processing failed; switched to manual processing",
  no_handler: "No enabled processing module for this tariff; switched to manual processing",
  switched: "Switched to manual processing by staff",
};

/** "Set up service #12 (example.com)": what a task asks for, in the words staff read on the board. */
export function taskWork(kind: OperationKind, serviceId: number, params: OrderParams | null): string {
  const name = params?.domain ?? params?.hostname;
  return `${operationWords[kind]} service #${serviceId}${name ? ` (${name})` : ""}`;
}
