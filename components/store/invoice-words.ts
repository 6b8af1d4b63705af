import type { InvoiceDocument as Doc } from "@/lib/services/invoices/get-document";
import type { InvoiceLine } from "@/lib/services/invoices/lines";
import { formatRate, type TaxGroup } from "@/lib/billing/tax";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { countryNameIn, formatDateIn } from "@/lib/i18n/format";
import { periodLabelIn } from "./labels";

/** The words the invoice page and its PDF share, so both print the same document, in the reader's language. */
export function invoiceWords(locale: Locale) {
  const t = translatorFor(locale);
  const date = (d: Date | string | null | undefined) => formatDateIn(locale, d);
  return {
    t,
    date,
    /** A line's service period: "2026-01-05 – 2026-02-05 (1 month)", or its months alone, or "—". */
    periodText(line: Pick<InvoiceLine, "months" | "periodStart" | "periodEnd">): string {
      const months = line.months ? periodLabelIn(locale, line.months) : null;
      if (line.periodStart && line.periodEnd) return `${date(line.periodStart)} – ${date(line.periodEnd)}${months ? ` (${months})` : ""}`;
      return months ?? "—";
    },
    /** A tax line's label: "VAT 20%", "VAT 0%: reverse charge", "No tax: exempt". */
    taxLabel(group: Pick<TaxGroup, "taxCategory" | "taxName" | "taxRateBp">): string {
      const name = group.taxName ?? t("invoice.taxName");
      if (group.taxCategory === "reverse_charge") return t("invoice.reverseCharge", { name });
      if (group.taxCategory === "exempt") return t("invoice.exempt");
      if (group.taxCategory === "none") return t("invoice.noTax");
      return `${name} ${formatRate(group.taxRateBp)}`;
    },
    /** A line's rate column: "20%", "RC" (reverse charge), "0%". */
    lineRate(line: Pick<InvoiceLine, "taxCategory" | "taxRateBp">): string {
      return line.taxCategory === "reverse_charge" ? t("invoice.rc") : formatRate(line.taxRateBp);
    },
    /** A party's address lines ending with its country's name in this language. */
    addressLines(party: Party): string[] {
      const country = party.country ? countryNameIn(locale, party.country) : party.countryName;
      return [...party.address, ...(country ? [country] : [])];
    },
    /** How it was paid: "card", "bank transfer", "account balance". */
    paymentMethod(payment: NonNullable<Doc["payment"]>): string {
      return t(`payment.method.${payment.method}`);
    },
    /** The payment's reference: the gateway's or the transfer's, or the ledger entry that charged the balance. */
    paymentReference(payment: NonNullable<Doc["payment"]>): string {
      if (payment.reference !== null) return payment.reference;
      return payment.ledgerEntryId === null ? "—" : t("payment.ledgerEntry", { id: String(payment.ledgerEntryId) });
    },
    /** "Paid 2026-01-05", "Unpaid", "Void". */
    status(invoice: Pick<Doc["invoice"], "status" | "paidAt">): string {
      return invoice.status === "paid" ? t("invoice.paidOn", { date: date(invoice.paidAt) }) : t(`invoice.statusText.${invoice.status}`);
    },
  };
}

const english = invoiceWords("en");

/** A line's service period in English. */
export const periodText = english.periodText;
/** A tax line's label in English. */
export const taxLabel = english.taxLabel;
/** A line's rate column in English. */
export const lineRate = english.lineRate;

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
