import type { PlanQuote } from "./plan-change";
import { formatAmount } from "./ledger";

/** What a plan change does to the balance, in plain words, before it is confirmed. */
export function planChangeWords(q: PlanQuote, from: string, until: string, whose: "your" | "the client's"): { label: string; confirm: string } {
  const money = (n: number) => formatAmount(n, q.currency);
  const net = q.difference > 0 ? `${money(q.difference)} is taken from ${whose} balance` : q.difference < 0 ? `${money(-q.difference)} goes to ${whose} balance` : "the balance does not change";
  return {
    label: `Change to ${q.tariffName} (${money(q.price)})`,
    confirm: `Change to ${q.tariffName} for the rest of the paid period, until ${until}? ${money(q.credit)} is credited for the unused time of ${from} and ${money(q.charge)} is charged for ${q.tariffName}: ${net}. The new plan applies once the change is done on the server; if it cannot be done, the plan stays and the difference comes back.`,
  };
}

/** What an add-on change does to the balance, in plain words, before it is confirmed. `amounts`: the new amounts in words. */
export function addonChangeWords(q: PlanQuote, amounts: string, until: string, whose: "your" | "the client's"): string {
  const money = (n: number) => formatAmount(n, q.currency);
  const net = q.difference > 0 ? `${money(q.difference)} is taken from ${whose} balance` : q.difference < 0 ? `${money(-q.difference)} goes to ${whose} balance` : "the balance does not change";
  return `Change to ${amounts} for the rest of the paid period, until ${until}? ${money(q.credit)} is credited for the unused time of the add-ons the service has and ${money(q.charge)} is charged for the new ones: ${net}. From the next period the service costs ${money(q.price)}. The new amounts apply once the change is done on the server; if it cannot be done, the service keeps its resources and the difference comes back.`;
}
