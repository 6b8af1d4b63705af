import { Text } from "@react-email/components";
import { DetailTable, Layout, paragraph } from "./layout";
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

export const invoiceReminderTitle = (p: Pick<InvoiceReminderProps, "number" | "due" | "when">) =>
  p.when === "before" ? `Invoice ${p.number} is due on ${p.due}` : `Invoice ${p.number} is overdue`;

/** A reminder of an unpaid invoice, some days before its due date or after it; its PDF attached. */
export function InvoiceReminder(p: InvoiceReminderProps) {
  return (
    <Layout preview={invoiceReminderTitle(p)} title={invoiceReminderTitle(p)}>
      <Text style={paragraph}>Hello {p.name},</Text>
      <Text style={paragraph}>
        {p.when === "before"
          ? `A reminder: invoice ${p.number} for ${p.total} is due on ${p.due}.`
          : `Invoice ${p.number} for ${p.total} was due on ${p.due} and is not paid yet. Please pay it to keep your services running.`}{" "}
        The PDF is attached. If you paid in the meantime, thank you, and please ignore this email.
      </Text>
      <DetailTable rows={[{ label: "Invoice", value: p.number }, { label: "Amount due", value: p.total }, { label: "Due", value: p.due }]} />
      <OpenLink url={p.url} label="Pay the invoice" />
    </Layout>
  );
}

InvoiceReminder.PreviewProps = {
  name: "Ada", invoiceId: 12, number: "INV-2026-000012", total: "$99.00", due: "2026-03-15", when: "after", url: "https://billing.example.com/account/invoices/12",
} satisfies InvoiceReminderProps;

export default InvoiceReminder;
