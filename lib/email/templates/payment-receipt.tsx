import { Text } from "@react-email/components";
import type { Translator } from "../../i18n/translator";
import { DetailTable, emailT, Layout, paragraph, type WithLocale } from "./layout";
import { OpenLink } from "./money-parts";

export type PaymentReceiptProps = {
  name: string;
  invoiceId: number;
  number: string;
  amount: string;
  paid: string;
  url: string;
};

export const paymentReceiptTitle = (p: Pick<PaymentReceiptProps, "number" | "amount">, t: Translator = emailT()) => t("emails.paymentReceipt.subject", { amount: p.amount, number: p.number });

/** Sent when an invoice is paid (from the balance, by card, or marked paid by staff). */
export function PaymentReceipt({ locale, ...p }: WithLocale<PaymentReceiptProps>) {
  const t = emailT(locale);
  return (
    <Layout locale={locale} preview={paymentReceiptTitle(p, t)} title={t("emails.paymentReceipt.title")}>
      <Text style={paragraph}>{t("emails.hello", { name: p.name })}</Text>
      <Text style={paragraph}>{t("emails.paymentReceipt.body")}</Text>
      <DetailTable rows={[{ label: t("emails.labels.invoice"), value: p.number }, { label: t("emails.labels.amountPaid"), value: p.amount }, { label: t("emails.labels.paidOn"), value: p.paid }]} />
      <OpenLink url={p.url} label={t("emails.money.view")} locale={locale} />
    </Layout>
  );
}

PaymentReceipt.PreviewProps = {
  name: "Ada", invoiceId: 12, number: "INV-2026-000012", amount: "$99.00", paid: "2026-03-02", url: "https://billing.example.com/account/invoices/12",
} satisfies PaymentReceiptProps;

export default PaymentReceipt;
