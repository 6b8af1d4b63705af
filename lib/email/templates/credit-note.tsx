import { Text } from "@react-email/components";
import type { Translator } from "../../i18n/translator";
import { DetailTable, emailT, Layout, paragraph, type WithLocale } from "./layout";
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

export const creditNoteTitle = (p: Pick<CreditNoteProps, "number" | "invoiceNumber">, t: Translator = emailT()) => t("emails.creditNote.subject", { number: p.number, invoice: p.invoiceNumber });

/** A credit note: part or all of an invoice taken back (a refund, a void, a plan change's credit); its PDF attached. */
export function CreditNote({ locale, ...p }: WithLocale<CreditNoteProps>) {
  const t = emailT(locale);
  return (
    <Layout locale={locale} preview={creditNoteTitle(p, t)} title={t("emails.creditNote.title", { number: p.number })}>
      <Text style={paragraph}>{t("emails.hello", { name: p.name })}</Text>
      <Text style={paragraph}>{t("emails.creditNote.body", { amount: p.amount, invoice: p.invoiceNumber })}</Text>
      <DetailTable
        rows={[
          { label: t("emails.labels.creditNote"), value: p.number },
          { label: t("emails.labels.invoice"), value: p.invoiceNumber },
          { label: t("emails.labels.amount"), value: p.amount },
          { label: t("emails.labels.issued"), value: p.issued },
          { label: t("emails.labels.reason"), value: p.reason },
        ]}
      />
      <OpenLink url={p.url} label={t("emails.money.view")} locale={locale} />
    </Layout>
  );
}

CreditNote.PreviewProps = {
  name: "Ada", creditNoteId: 3, number: "CN-2026-000003", invoiceNumber: "INV-2026-000012", amount: "$20.00", reason: "Unused time refunded", issued: "2026-04-02",
  url: "https://billing.example.com/account/invoices/12",
} satisfies CreditNoteProps;

export default CreditNote;
