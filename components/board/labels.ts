import type { AttemptOutcome, OperationKind, TaskReason, TaskStatus } from "@/lib/vocabulary";

export const taskStatusLabel: Record<TaskStatus, string> = {
  new: "New",
  in_progress: "In progress",
  done: "Done",
  cancelled: "Cancelled",
};

export const operationLabel: Record<OperationKind, string> = {
  open: "Set up",
  suspend: "Suspend",
  resume: "Resume",
  close: "Close",
  prolong: "Renew",
  change_tariff: "Change tariff",
  sync: "Sync",
  manage: "Domain change",
};

/** What closing a task of each kind means, in the words of the work it stands for. */
export const closeWords: Record<OperationKind, { title: string; intro: string; button: string }> = {
  open: { title: "Finish the set-up", intro: "Set the service up on the panel, then enter what the client needs. Closing makes the service active and sends the client the welcome email.", button: "Close task: service is set up" },
  suspend: { title: "Confirm the suspension", intro: "Suspend the service on the panel, then confirm. Closing marks the service suspended and emails the client.", button: "Close task: service is suspended" },
  resume: { title: "Confirm the resumption", intro: "Resume the service on the panel, then confirm. Closing marks the service active again and emails the client.", button: "Close task: service is resumed" },
  close: { title: "Confirm the closing", intro: "Remove the service from the panel, then confirm. Closing marks the service closed and emails the client.", button: "Close task: service is removed" },
  prolong: { title: "Confirm the renewal", intro: "Renew the service on the panel, then confirm (with the new expiry date if the panel shows one).", button: "Close task: service is renewed" },
  change_tariff: { title: "Confirm the tariff change", intro: "Change the service's plan on the panel, then confirm with anything that changed.", button: "Close task: tariff is changed" },
  sync: { title: "Confirm the check", intro: "Check the service on the panel, then confirm.", button: "Close task: checked" },
  manage: { title: "Confirm the domain change", intro: "Make the change the task names at the registrar (name servers and their addresses, lock, auth code or contact), then confirm with what changed.", button: "Close task: domain is changed" },
};

/** How an attempt ended, for people. */
export const attemptOutcomeLabel: Record<AttemptOutcome, string> = {
  done: "done",
  pending: "accepted, waiting for the panel",
  error: "failed",
};

export const reasonLabel: Record<TaskReason, string> = {
  manual_handler: "Manual setup",
  escalated: "Escalated after errors",
  no_handler: "No processing module",
  switched: "Switched to manual",
};

/** "just now", "12 min", "3 h", "5 d": how long ago a task came in. */
export function formatAge(from: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - from.getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / 1440)} d`;
}
