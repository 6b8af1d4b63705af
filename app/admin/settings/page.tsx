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

type NumberSetting = "retryIntervalSeconds" | "maxAttempts" | "syncIntervalSeconds" | "graceDays" | "unpaidOrderDays" | "invoiceDueDays" | "reminderDaysBefore" | "reminderDaysAfter";

export default async function SettingsPage() {
  const tp = await getTranslations("admin.pages");
  const t = await getTranslations("adminSettings");
  const ctx = await adminPageCtx("/admin/settings");
  const [settings, { departments }] = await Promise.all([readSettings(ctx.db), listDepartments({ ctx })]);
  /** A setting typed as a whole number. */
  const whole = (name: NumberSetting) => ({ name, label: t(`fields.${name}`), inputMode: "numeric" as const, defaultValue: String(settings[name]), hint: t(`fields.${name}Hint`) });
  return (
    <>
      <PageHeading title={tp("settings.title")} description={tp("settings.description")} />
      <p className="mb-4 text-sm"><Link href="/admin/settings/tax" className="text-indigo-700 hover:underline">{t("taxLink")}</Link></p>
      <Card className="max-w-xl">
        <SpecForm
          action={updateSettingsAction}
          submitLabel={t("save")}
          fields={[
            whole("retryIntervalSeconds"),
            whole("maxAttempts"),
            whole("syncIntervalSeconds"),
            whole("graceDays"),
            whole("unpaidOrderDays"),
            { name: "invoiceNumberFormat", label: t("fields.invoiceNumberFormat"), defaultValue: settings.invoiceNumberFormat, hint: t("fields.invoiceNumberFormatHint", { year: "{YYYY}", seq: "{000001}" }) },
            whole("invoiceDueDays"),
            { name: "creditNoteNumberFormat", label: t("fields.creditNoteNumberFormat"), defaultValue: settings.creditNoteNumberFormat, hint: t("fields.creditNoteNumberFormatHint") },
            whole("reminderDaysBefore"),
            whole("reminderDaysAfter"),
            {
              name: "defaultDepartmentId",
              label: t("fields.defaultDepartmentId"),
              type: "select",
              empty: settings.defaultDepartmentId ? undefined : t("none"),
              options: departments.map((d) => ({ value: d.id, label: d.name })),
              defaultValue: settings.defaultDepartmentId ? String(settings.defaultDepartmentId) : "",
              hint: t("fields.defaultDepartmentIdHint"),
            },
          ]}
        />
      </Card>
    </>
  );
}
