import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { moduleKinds, operationKinds, operationStatuses } from "@/lib/vocabulary";
import { Field } from "@/components/ui/input";
import { adminLabelsIn } from "./labels";
import { SelectField, type Option } from "@/components/ui/select";

type Props = { values: Record<string, string | undefined>; handlers: Option[]; moduleTitles: Record<string, string> };

const states = ["failing", ...operationStatuses] as const;

/** The Current operations filters: a GET form, so the filters live in the URL. */
export function OperationFilters({ values, handlers, moduleTitles }: Props) {
  const t = useTranslations("adminOperation.filters");
  const labels = adminLabelsIn(useLocale());
  return (
    <form
      method="get"
      action="/admin/operations"
      className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4 2xl:grid-cols-8 [&>*]:min-w-0"
    >
      <SelectField name="status" label={t("status")} empty={t("any")} options={states.map((s) => ({ value: s, label: labels.operationState(s) }))} defaultValue={values.status ?? ""} />
      <SelectField name="kind" label={t("operation")} empty={t("any")} options={operationKinds.map((k) => ({ value: k, label: labels.operationKind(k) }))} defaultValue={values.kind ?? ""} />
      <SelectField name="module" label={t("moduleType")} empty={t("any")} options={moduleKinds.map((m) => ({ value: m, label: moduleTitles[m] ?? m }))} defaultValue={values.module ?? ""} />
      <SelectField name="handlerId" label={t("handler")} empty={t("any")} options={handlers} defaultValue={values.handlerId ?? ""} />
      <Field name="clientId" label={t("client")} inputMode="numeric" defaultValue={values.clientId ?? ""} />
      <Field name="from" label={t("from")} type="date" defaultValue={values.from ?? ""} />
      <Field name="to" label={t("to")} type="date" defaultValue={values.to ?? ""} />
      <div className="flex items-end gap-3">
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          {t("filter")}
        </button>
        <Link href="/admin/operations" className="py-2 text-sm text-indigo-700 hover:underline">
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}
