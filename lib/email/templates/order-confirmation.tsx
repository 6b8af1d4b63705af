import { Text } from "@react-email/components";
import type { Translator } from "../../i18n/translator";
import { emailT, Layout, paragraph, type WithLocale } from "./layout";
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

export const orderConfirmationTitle = (p: Pick<OrderConfirmationProps, "orderId">, t: Translator = emailT()) => t("emails.orderConfirmation.title", { id: p.orderId });

/** Sent when an order is placed: what was ordered, and the invoice to pay (sent on its own with the PDF). */
export function OrderConfirmation({ locale, ...p }: WithLocale<OrderConfirmationProps>) {
  const t = emailT(locale);
  const title = orderConfirmationTitle(p, t);
  return (
    <Layout locale={locale} preview={title} title={title}>
      <Text style={paragraph}>{t("emails.hello", { name: p.name })}</Text>
      <Text style={paragraph}>{t("emails.orderConfirmation.body", { number: p.invoiceNumber, due: p.due || "none" })}</Text>
      <MoneyLines lines={p.lines} total={p.total} locale={locale} />
      <OpenLink url={p.url} label={t("emails.money.view")} locale={locale} />
    </Layout>
  );
}

OrderConfirmation.PreviewProps = {
  name: "Ada", orderId: 8, invoiceNumber: "INV-2026-000012", due: "2026-03-15",
  lines: [{ description: "Starter hosting, 12 months: example.com", amount: "$99.00" }], total: "$99.00", url: "https://billing.example.com/account/invoices/12",
} satisfies OrderConfirmationProps;

export default OrderConfirmation;
