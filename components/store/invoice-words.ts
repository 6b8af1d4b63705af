import type { InvoiceDocument as Doc } from "@/lib/services/invoices/get-document";
import type { InvoiceLine } from "@/lib/services/invoices/lines";
import { formatRate, type TaxGroup } from "@/lib/billing/tax";
import { formatDate, periodLabel } from "./labels";

/** The words the invoice page and its PDF share, so both print the same document. */

/** A line's service period: "2026-01-05 – 2026-02-05 (1 month)", or its months alone, or "—". */
export function periodText(line: Pick<InvoiceLine, "months" | "periodStart" | "periodEnd">): string {
  const months = line.months ? periodLabel(line.months) : null;
  if (line.periodStart && line.periodEnd) return `${formatDate(line.periodStart)} – ${formatDate(line.periodEnd)}${months ? ` (${months})` : ""}`;
  return months ?? "—";
}

/** A tax line's label: "VAT 20%", "VAT 0%: reverse charge", "No tax: exempt". */
export function taxLabel(group: Pick<TaxGroup, "taxCategory" | "taxName" | "taxRateBp">): string {
  const name = group.taxName ?? "Tax";
  if (group.taxCategory === "reverse_charge") return `${name} 0%: reverse charge`;
  if (group.taxCategory === "exempt") return "No tax: exempt";
  if (group.taxCategory === "none") return "No tax";
  return `${name} ${formatRate(group.taxRateBp)}`;
}

/** A line's rate column: "20%", "RC" (reverse charge), "0%". */
export function lineRate(line: Pick<InvoiceLine, "taxCategory" | "taxRateBp">): string {
  return line.taxCategory === "reverse_charge" ? "RC" : formatRate(line.taxRateBp);
}

type Party = Doc["seller"] | Doc["buyer"];

/** A party's address lines ending with its country's name. */
export function addressLines(party: Party): string[] {
  return [...party.address, ...(party.countryName ? [party.countryName] : [])];
}

/** The buyer's heading: the company when there is one, then the person. */
export function buyerHeading(buyer: Doc["buyer"]): { title: string; subtitle: string | null } {
  return buyer.company ? { title: buyer.company, subtitle: buyer.name } : { title: buyer.name, subtitle: null };
}

export const invoiceStatusText = { unpaid: "Unpaid", paid: "Paid", cancelled: "Void" } as const;
