import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { readSettings } from "@/lib/settings";
import { listDepartments } from "@/lib/services/departments/list";
import { Card, PageHeading } from "@/components/ui/card";
import { SpecForm } from "@/components/admin/spec-form";
import { adminPageCtx } from "@/lib/services/request-context";
import { updateSettingsAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("settings.meta") };
}

export default async function SettingsPage() {
  const tp = await getTranslations("admin.pages");
  const ctx = await adminPageCtx("/admin/settings");
  const [settings, { departments }] = await Promise.all([readSettings(ctx.db), listDepartments({ ctx })]);
  return (
    <>
      <PageHeading title={tp("settings.title")} description={tp("settings.description")} />
      <p className="mb-4 text-sm"><Link href="/admin/settings/tax" className="text-indigo-700 hover:underline">Tax rates, prices with or without tax, seller&apos;s country →</Link></p>
      <Card className="max-w-xl">
        <SpecForm
          action={updateSettingsAction}
          submitLabel="Save settings"
          fields={[
            { name: "retryIntervalSeconds", label: "Retry interval, seconds", inputMode: "numeric", defaultValue: String(settings.retryIntervalSeconds), hint: "A failed operation runs again after this long (300 = 5 minutes)." },
            { name: "maxAttempts", label: "Max attempts", inputMode: "numeric", defaultValue: String(settings.maxAttempts), hint: "After this many failed attempts an operation becomes a task for staff." },
            { name: "syncIntervalSeconds", label: "Sync interval, seconds", inputMode: "numeric", defaultValue: String(settings.syncIntervalSeconds), hint: "How often services are compared with their panel." },
            { name: "graceDays", label: "Grace period, days", inputMode: "numeric", defaultValue: String(settings.graceDays), hint: "An unpaid service is closed this long after it was suspended at expiry." },
            { name: "unpaidOrderDays", label: "Unpaid orders expire after, days", inputMode: "numeric", defaultValue: String(settings.unpaidOrderDays), hint: "An order not paid this long is cancelled with its invoice." },
            { name: "invoiceNumberFormat", label: "Invoice number format", defaultValue: settings.invoiceNumberFormat, hint: "{YYYY} is the year of issue, {000001} the invoice's place in that year, padded to that many digits. Numbers already given never change." },
            { name: "invoiceDueDays", label: "Invoices due after, days", inputMode: "numeric", defaultValue: String(settings.invoiceDueDays), hint: "The due date printed on an invoice issued unpaid." },
            { name: "creditNoteNumberFormat", label: "Credit note number format", defaultValue: settings.creditNoteNumberFormat, hint: "Credit notes are numbered in a series of their own, with the same placeholders as invoices." },
            { name: "reminderDaysBefore", label: "Remind before the due date, days", inputMode: "numeric", defaultValue: String(settings.reminderDaysBefore), hint: "An unpaid invoice's reminder is emailed this many days before it is due; 0 sends none." },
            { name: "reminderDaysAfter", label: "Remind after the due date, days", inputMode: "numeric", defaultValue: String(settings.reminderDaysAfter), hint: "An overdue invoice's reminder is emailed this many days after it was due; 0 sends none." },
            {
              name: "defaultDepartmentId",
              label: "Default department",
              type: "select",
              empty: settings.defaultDepartmentId ? undefined : "None",
              options: departments.map((d) => ({ value: d.id, label: d.name })),
              defaultValue: settings.defaultDepartmentId ? String(settings.defaultDepartmentId) : "",
              hint: "Gets the tasks of processing modules without a department.",
            },
          ]}
        />
      </Card>
    </>
  );
}
