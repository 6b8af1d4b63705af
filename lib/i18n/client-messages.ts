import type { AbstractIntlMessages } from "next-intl";

const namesDemoGateway = /demo gateway|\/pay\/demo/i;

/**
 * The messages sent to the browser. Without the demo gateway (production), no text that names it
 * leaves the server: its namespace and every message that mentions it are left out.
 */
export function clientMessages(messages: AbstractIntlMessages, demoGateway: boolean): AbstractIntlMessages {
  if (demoGateway) return messages;
  const keep = (node: AbstractIntlMessages): AbstractIntlMessages =>
    Object.fromEntries(
      Object.entries(node)
        .filter(([key, value]) => key !== "demoGateway" && !(typeof value === "string" && namesDemoGateway.test(value)))
        .map(([key, value]) => [key, typeof value === "string" ? value : keep(value)]),
    );
  return keep(messages);
}
