export const productTypeLabels: Record<string, string> = {
  domain: "Domain",
  hosting: "Shared web hosting",
  vps: "Virtual server",
  dedicated: "Dedicated server",
  other: "Other",
};

export const operationKindLabels: Record<string, string> = {
  open: "Set up",
  suspend: "Suspend",
  resume: "Resume",
  close: "Close",
  prolong: "Renew",
  change_tariff: "Change tariff",
  sync: "Sync",
};

/** Operation states as people read them; "failing" is queued again after a failed attempt. */
export const operationStateLabels: Record<string, string> = {
  failing: "failing",
  queued: "queued",
  running: "running",
  waiting: "waiting for the panel",
  done: "done",
  manual: "manual",
  cancelled: "cancelled",
};

export const taskReasonLabels: Record<string, string> = {
  manual_handler: "manual setup (the processing module is Manual)",
  escalated: "escalated after errors",
  no_handler: "no processing module was available",
  switched: "switched to manual by staff",
};

/** What the store does with a tariff no enabled processing module serves. */
export const noHandlerText = (sellWithoutHandler: boolean) =>
  sellWithoutHandler ? "No enabled processing module: sold, set up by hand" : "No enabled processing module: the store does not sell it";
