export const productTypeLabels: Record<string, string> = {
  domain: "Domain",
  hosting: "Shared web hosting",
  vps: "Virtual server",
  dedicated: "Dedicated server",
  other: "Other",
};

export const operationKindLabels: Record<string, string> = {
  open: "Open",
  suspend: "Suspend",
  resume: "Resume",
  close: "Close",
  prolong: "Prolong",
  change_tariff: "Change tariff",
  sync: "Sync",
};
