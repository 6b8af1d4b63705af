import { Text } from "@react-email/components";
import { Layout, paragraph } from "./layout";
import { MoneyLines, OpenLink, type MoneyLine } from "./money-parts";

export type OrderConfirmationProps = {
  name: string;
  orderId: number;
  invoiceNumber: string;
  lines: MoneyLine[];
  total: string;
  due?: string;
  url: string;
};

export const orderConfirmationTitle = (p: Pick<OrderConfirmationProps, "orderId">) => `We received your order #${p.orderId}`;

/** Sent when an order is placed: what was ordered, and the invoice to pay (sent on its own with the PDF). */
export function OrderConfirmation(p: OrderConfirmationProps) {
  return (
    <Layout preview={orderConfirmationTitle(p)} title={orderConfirmationTitle(p)}>
      <Text style={paragraph}>Hello {p.name},</Text>
      <Text style={paragraph}>
        Thank you for your order. Invoice {p.invoiceNumber} is for it{p.due ? `, due ${p.due}` : ""}: once it is paid we set your services up and
        email you when each is ready.
      </Text>
      <MoneyLines lines={p.lines} total={p.total} />
      <OpenLink url={p.url} label="View the invoice" />
    </Layout>
  );
}

OrderConfirmation.PreviewProps = {
  name: "Ada", orderId: 8, invoiceNumber: "INV-2026-000012", due: "2026-03-15",
  lines: [{ description: "Starter hosting, 12 months: example.com", amount: "$99.00" }], total: "$99.00", url: "https://billing.example.com/account/invoices/12",
} satisfies OrderConfirmationProps;

export default OrderConfirmation;
