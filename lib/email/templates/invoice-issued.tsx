import { Text } from "@react-email/components";
import type { Translator } from "../../i18n/translator";
import { DetailTable, emailT, Layout, paragraph, type WithLocale } from "./layout";
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

export const invoiceIssuedTitle = (p: Pick<InvoiceIssuedProps, "number" | "total">, t: Translator = emailT()) => t("emails.invoiceIssued.subject", { number: p.number, total: p.total });

/** A new invoice, its PDF attached: to pay by its due date, or already paid from the balance. */
export function InvoiceIssued({ locale, ...p }: WithLocale<InvoiceIssuedProps>) {
  const t = emailT(locale);
  return (
    <Layout locale={locale} preview={invoiceIssuedTitle(p, t)} title={t("emails.invoiceIssued.title", { number: p.number })}>
      <Text style={paragraph}>{t("emails.hello", { name: p.name })}</Text>
      <Text style={paragraph}>{p.paid ? t("emails.invoiceIssued.paid") : t("emails.invoiceIssued.unpaid", { due: p.due ?? "" })}</Text>
      <DetailTable rows={[{ label: t("emails.labels.invoice"), value: p.number }, { label: t("emails.labels.issued"), value: p.issued }, { label: t("emails.labels.due"), value: p.paid ? "" : (p.due ?? "") }]} />
      <MoneyLines lines={p.lines} total={p.total} locale={locale} />
      <OpenLink url={p.url} label={p.paid ? t("emails.money.view") : t("emails.money.viewPay")} locale={locale} />
    </Layout>
  );
}

InvoiceIssued.PreviewProps = {
  name: "Ada", invoiceId: 12, number: "INV-2026-000012", issued: "2026-03-01", due: "2026-03-15", paid: false,
  lines: [{ description: "Starter hosting, 12 months: example.com", amount: "$99.00" }], total: "$99.00", url: "https://billing.example.com/account/invoices/12",
} satisfies InvoiceIssuedProps;

export default InvoiceIssued;
