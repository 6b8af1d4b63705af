"use client";

import { useEffect, useState } from "react";
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
export function TemplatePicker({ handlerIds, name = "template", label = "Account template", value, onChange, load, errors }: Props) {
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
    ? "Loading templates from the panel…"
    : !key
      ? "Choose a processing module to load the templates of its panel."
      : result && !result.usesTemplates
        ? "These modules send the resource amounts, not a template."
        : problems.length
          ? `Could not load the templates (${problems.join("; ")}): type the name.`
          : undefined;
  if (!loading && offered.length > 0) {
    const options = [...new Set([...offered, ...(value ? [value] : [])])].map((t) => ({ value: t, label: offered.includes(t) ? t : `${t} (not on the panel)` }));
    return <SelectField name={name} label={label} empty="No template" options={options} value={value} onChange={(e) => onChange(e.target.value)} errors={errors} hint={hint} />;
  }
  return <Field name={name} label={label} value={value} onChange={(e) => onChange(e.target.value)} errors={errors} hint={hint} aria-busy={loading} />;
}
