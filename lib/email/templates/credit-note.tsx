import { Text } from "@react-email/components";
import { DetailTable, Layout, paragraph } from "./layout";
import { OpenLink } from "./money-parts";

export type CreditNoteProps = {
  name: string;
  creditNoteId: number;
  number: string;
  invoiceNumber: string;
  amount: string;
  reason: string;
  issued: string;
  url: string;
};

export const creditNoteTitle = (p: Pick<CreditNoteProps, "number" | "invoiceNumber">) => `Credit note ${p.number} for invoice ${p.invoiceNumber}`;

/** A credit note: part or all of an invoice taken back (a refund, a void, a plan change's credit); its PDF attached. */
export function CreditNote(p: CreditNoteProps) {
  return (
    <Layout preview={creditNoteTitle(p)} title={`Credit note ${p.number}`}>
      <Text style={paragraph}>Hello {p.name},</Text>
      <Text style={paragraph}>
        This credit note takes {p.amount} off invoice {p.invoiceNumber}. Keep it with the invoice for your accounts; the PDF is attached.
      </Text>
      <DetailTable rows={[{ label: "Credit note", value: p.number }, { label: "Invoice", value: p.invoiceNumber }, { label: "Amount", value: p.amount }, { label: "Issued", value: p.issued }, { label: "Reason", value: p.reason }]} />
      <OpenLink url={p.url} label="View the invoice" />
    </Layout>
  );
}

CreditNote.PreviewProps = {
  name: "Ada", creditNoteId: 3, number: "CN-2026-000003", invoiceNumber: "INV-2026-000012", amount: "$20.00", reason: "Unused time refunded", issued: "2026-04-02",
  url: "https://billing.example.com/account/invoices/12",
} satisfies CreditNoteProps;

export default CreditNote;
