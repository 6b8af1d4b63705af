"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { detailLabel } from "./labels";

export type RevealResult = { secrets?: Record<string, string>; error?: string };

/** Passwords stay hidden until the client asks; each reveal is written to the audit log. */
export function SecretsPanel({ reveal }: { reveal: () => Promise<RevealResult> }) {
  const [result, setResult] = useState<RevealResult | null>(null);
  const [pending, startTransition] = useTransition();
  const t = useTranslations("secrets");
  if (result?.secrets) {
    const entries = Object.entries(result.secrets);
    return (
      <div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="secrets">
          {entries.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-slate-600">{detailLabel(key)}</dt>
              <dd className="break-all font-mono">{value}</dd>
            </div>
          ))}
        </dl>
        {entries.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
        <Button variant="secondary" className="mt-3" onClick={() => setResult(null)}>{t("hide")}</Button>
      </div>
    );
  }
  return (
    <div>
      {result?.error && <p className="mb-2 text-sm text-red-600" role="alert">{result.error}</p>}
      <Button variant="secondary" disabled={pending} onClick={() => startTransition(async () => setResult(await reveal()))}>
        {pending ? t("loading") : t("show")}
      </Button>
    </div>
  );
}
