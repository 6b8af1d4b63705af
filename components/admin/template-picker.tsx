"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/input";
import type { TemplatesState } from "@/app/admin/tariffs/run";
import { SelectField } from "@/components/ui/select";

type Props = {
  handlerIds: number[];
  /** The form field and its label: one picker per handler, each listing that handler's panel. */
  name?: string;
  label?: string;
  value: string;
  onChange: (value: string) => void;
  load: (handlerIds: number[]) => Promise<TemplatesState>;
  errors?: string[];
};

/**
 * The account template, picked from the templates the chosen handlers' panels offer
 * (listTemplates through the module); free text when no panel can say.
 */
export function TemplatePicker({ handlerIds, name = "template", label, value, onChange, load, errors }: Props) {
  const t = useTranslations("adminTariff.templates");
  const shownLabel = label ?? t("label");
  const [state, setState] = useState<TemplatesState | null>(null);
  const [loading, setLoading] = useState(false);
  const key = handlerIds.join(",");
  useEffect(() => {
    if (!key) return setState(null);
    let live = true;
    setLoading(true);
    load(key.split(",").map(Number))
      .then((s) => live && setState(s))
      .catch((e: unknown) => live && setState({ error: e instanceof Error ? e.message : String(e) }))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key, load]);
  const result = state?.result;
  const problems = [state?.error, ...(result?.handlers ?? []).map((h) => h.error && `${h.name}: ${h.error}`)].filter(Boolean);
  const offered = result?.templates ?? [];
  const hint = loading
    ? t("loading")
    : !key
      ? t("chooseHandler")
      : result && !result.usesTemplates
        ? t("noTemplates")
        : problems.length
          ? t("failed", { problems: problems.join("; ") })
          : undefined;
  if (!loading && offered.length > 0) {
    const options = [...new Set([...offered, ...(value ? [value] : [])])].map((x) => ({ value: x, label: offered.includes(x) ? x : t("notOnPanel", { name: x }) }));
    return <SelectField name={name} label={shownLabel} empty={t("none")} options={options} value={value} onChange={(e) => onChange(e.target.value)} errors={errors} hint={hint} />;
  }
  return <Field name={name} label={shownLabel} value={value} onChange={(e) => onChange(e.target.value)} errors={errors} hint={hint} aria-busy={loading} />;
}
