import { Text } from "@react-email/components";
import type { Translator } from "../../i18n/translator";
import { DetailTable, emailT, Layout, paragraph, type WithLocale } from "./layout";
import { OpenLink } from "./money-parts";

export type InvoiceReminderProps = {
  name: string;
  invoiceId: number;
  number: string;
  total: string;
  due: string;
  /** Before the due date (a friendly reminder) or after it (overdue). */
  when: "before" | "after";
  url: string;
};

export const invoiceReminderTitle = (p: Pick<InvoiceReminderProps, "number" | "due" | "when">, t: Translator = emailT()) =>
  p.when === "before" ? t("emails.invoiceReminder.before", { number: p.number, due: p.due }) : t("emails.invoiceReminder.after", { number: p.number });

/** A reminder of an unpaid invoice, some days before its due date or after it; its PDF attached. */
export function InvoiceReminder({ locale, ...p }: WithLocale<InvoiceReminderProps>) {
  const t = emailT(locale);
  const title = invoiceReminderTitle(p, t);
  const values = { number: p.number, total: p.total, due: p.due };
  return (
    <Layout locale={locale} preview={title} title={title}>
      <Text style={paragraph}>{t("emails.hello", { name: p.name })}</Text>
      <Text style={paragraph}>{p.when === "before" ? t("emails.invoiceReminder.bodyBefore", values) : t("emails.invoiceReminder.bodyAfter", values)}</Text>
      <DetailTable rows={[{ label: t("emails.labels.invoice"), value: p.number }, { label: t("emails.labels.amountDue"), value: p.total }, { label: t("emails.labels.due"), value: p.due }]} />
      <OpenLink url={p.url} label={t("emails.money.payIt")} locale={locale} />
    </Layout>
  );
}

InvoiceReminder.PreviewProps = {
  name: "Ada", invoiceId: 12, number: "INV-2026-000012", total: "$99.00", due: "2026-03-15", when: "after", url: "https://billing.example.com/account/invoices/12",
} satisfies InvoiceReminderProps;

export default InvoiceReminder;
