import { Text } from "@react-email/components";
import { DetailTable, Layout, paragraph } from "./layout";
import { MoneyLines, OpenLink, type MoneyLine } from "./money-parts";

export type InvoiceIssuedProps = {
  name: string;
  invoiceId: number;
  number: string;
  issued: string;
  /** The due date of an unpaid invoice; absent when it was issued paid (a renewal from the balance). */
  due?: string;
  paid: boolean;
  lines: MoneyLine[];
  total: string;
  url: string;
};

export const invoiceIssuedTitle = (p: Pick<InvoiceIssuedProps, "number" | "total">) => `Invoice ${p.number}: ${p.total}`;

/** A new invoice, its PDF attached: to pay by its due date, or already paid from the balance. */
export function InvoiceIssued(p: InvoiceIssuedProps) {
  return (
    <Layout preview={invoiceIssuedTitle(p)} title={`Invoice ${p.number}`}>
      <Text style={paragraph}>Hello {p.name},</Text>
      <Text style={paragraph}>
        {p.paid ? "Here is your invoice. It is paid: nothing more is due." : `Here is your invoice. Please pay it by ${p.due}.`} The PDF is
        attached.
      </Text>
      <DetailTable rows={[{ label: "Invoice", value: p.number }, { label: "Issued", value: p.issued }, { label: "Due", value: p.paid ? "" : (p.due ?? "") }]} />
      <MoneyLines lines={p.lines} total={p.total} />
      <OpenLink url={p.url} label={p.paid ? "View the invoice" : "View and pay the invoice"} />
    </Layout>
  );
}

InvoiceIssued.PreviewProps = {
  name: "Ada", invoiceId: 12, number: "INV-2026-000012", issued: "2026-03-01", due: "2026-03-15", paid: false,
  lines: [{ description: "Starter hosting, 12 months: example.com", amount: "$99.00" }], total: "$99.00", url: "https://billing.example.com/account/invoices/12",
} satisfies InvoiceIssuedProps;

export default InvoiceIssued;
