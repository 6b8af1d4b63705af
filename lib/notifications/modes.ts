/** How a department hears about its tasks: a message per event, one daily digest, or nothing. */
export const notifyModes = ["each", "digest", "off"] as const;
export type NotifyMode = (typeof notifyModes)[number];

export const notifyModeLabels: Record<NotifyMode, string> = {
  each: "At each new, escalated or reassigned task",
  digest: "Once a day, a digest of new tasks",
  off: "Off",
};
