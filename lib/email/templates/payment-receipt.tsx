import { Text } from "@react-email/components";
import { DetailTable, Layout, paragraph } from "./layout";
import { OpenLink } from "./money-parts";

export type PaymentReceiptProps = {
  name: string;
  invoiceId: number;
  number: string;
  amount: string;
  paid: string;
  url: string;
};

export const paymentReceiptTitle = (p: Pick<PaymentReceiptProps, "number" | "amount">) => `Receipt: ${p.amount} paid for invoice ${p.number}`;

/** Sent when an invoice is paid (from the balance, by card, or marked paid by staff). */
export function PaymentReceipt(p: PaymentReceiptProps) {
  return (
    <Layout preview={paymentReceiptTitle(p)} title="Payment received">
      <Text style={paragraph}>Hello {p.name},</Text>
      <Text style={paragraph}>Thank you: we received your payment. Keep this email as your receipt.</Text>
      <DetailTable rows={[{ label: "Invoice", value: p.number }, { label: "Amount paid", value: p.amount }, { label: "Paid on", value: p.paid }]} />
      <OpenLink url={p.url} label="View the invoice" />
    </Layout>
  );
}

PaymentReceipt.PreviewProps = {
  name: "Ada", invoiceId: 12, number: "INV-2026-000012", amount: "$99.00", paid: "2026-03-02", url: "https://billing.example.com/account/invoices/12",
} satisfies PaymentReceiptProps;

export default PaymentReceipt;
