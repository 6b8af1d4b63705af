"use client";

import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FieldErrors } from "@/lib/errors";
import type { DomainChoice } from "@/lib/billing/order-domain-choice";
import { displayDomain } from "@/lib/domain-display";
import { Field } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";

type Props = {
  /** A domain tariff registers or transfers; a site's domain may also be one the client has. */
  forDomain: boolean;
  zones: string[];
  domain?: string;
  /** The signed-in client's domains (punycode), for "use a domain I already have". */
  owned: string[];
  errors: FieldErrors;
};

/** The order form's domain: register a new one, transfer one held elsewhere (with its auth code), or use one the client has. */
export function DomainChoiceFields({ forDomain, zones, domain, owned, errors }: Props) {
  const t = useTranslations("store.form");
  const choices: DomainChoice[] = forDomain ? ["register", "transfer"] : ["register", "transfer", "own"];
  const [choice, setChoice] = useState<DomainChoice>("register");
  const [picked, setPicked] = useState("");
  // Kept in state: React resets a form's uncontrolled fields after each submission, refused ones too.
  const [name, setName] = useState(domain ?? "");
  const [code, setCode] = useState("");
  const typed = choice !== "own" || owned.length === 0 || picked === "";
  const placeholder = `example.${zones[0] ?? "com"}`;
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3" data-testid="domain-choice">
      <legend className="px-1 text-sm font-medium text-slate-800">{t("domainChoice")}</legend>
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-4">
        {choices.map((c) => (
          <label key={c} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="radio" name="domainChoice" value={c} checked={choice === c} onChange={() => setChoice(c)} className="h-4 w-4" />
            {t(`choice.${c}`)}
          </label>
        ))}
      </div>
      {choice === "own" && owned.length > 0 && (
        <SelectField
          name="ownDomain"
          label={t("ownDomain")}
          value={picked}
          onChange={(e) => setPicked(e.target.value)}
          options={[{ value: "", label: t("ownDomainTyped") }, ...owned.map((d) => ({ value: d, label: displayDomain(d) }))]}
        />
      )}
      {typed && (
        <Field
          name="domain"
          label={choice === "own" ? t("ownDomainName") : forDomain ? t("domain") : t("siteDomain")}
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          placeholder={placeholder}
          hint={forDomain && zones.length ? t("domainHint", { zones: zones.map((z) => `.${z}`).join(", ") }) : forDomain ? undefined : t(`choiceHint.${choice}`)}
          errors={errors["params.domain"]}
        />
      )}
      {!typed && errors["params.domain"] && <p className="text-sm text-red-700">{errors["params.domain"].join(" ")}</p>}
      {choice === "transfer" && (
        <Field
          name="authCode"
          label={t("authCode")}
          type="password"
          autoComplete="off"
          required
          maxLength={64}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          hint={t("authCodeHint")}
          errors={errors["params.authCode"] ?? errors["params.transfer"]}
        />
      )}
      {!forDomain && choice !== "own" && (
        <p className="text-sm text-slate-600">
          <Link href="/domains" className="font-medium text-indigo-700 hover:underline">{t(`choiceLink.${choice}`)}</Link>
        </p>
      )}
    </fieldset>
  );
}
