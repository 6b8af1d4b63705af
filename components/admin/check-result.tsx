import type { CheckState, SaveState } from "@/app/admin/handlers/run";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** The answer of a connection check in plain words, and its request/response log (secrets already redacted). */
export function CheckResult({ state }: { state: CheckState }) {
  const t = useTranslations("adminHandler.form");
  if (state.error) {
    return (
      <p role="alert" className="text-sm text-red-700" data-testid="check-result">
        {state.error}
      </p>
    );
  }
  const check = state.check;
  if (!check) return null;
  return (
    <div className="flex flex-col gap-2" data-testid="check-result">
      <p role="status" className={`text-sm font-medium ${check.ok ? "text-emerald-700" : "text-red-700"}`}>
        {check.ok ? t("checkOk", { message: check.message }) : t("checkFailed", { message: check.advice ?? check.message })}
      </p>
      <details open={!check.ok}>
        <summary className="cursor-pointer text-sm text-slate-600">{t("log")}</summary>
        <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-900 p-3 text-xs whitespace-pre-wrap text-slate-100">{check.log || t("emptyLog")}</pre>
      </details>
    </div>
  );
}

/**
 * The connection check a save ran: its answer, and when the save was refused for a failing
 * connection, a button that saves it all the same (the form's other values are sent again).
 */
export function SaveCheck({ state, saving, label }: { state: SaveState; saving: boolean; label: string }) {
  if (!state.check) return null;
  return (
    <div className="flex flex-col gap-3" data-testid="save-check">
      <CheckResult state={{ check: state.check }} />
      {state.confirm === "save_anyway" && (
        <div>
          <Button type="submit" variant="secondary" name="connectionCheck" value="save_anyway" disabled={saving}>
            {label}
          </Button>
        </div>
      )}
    </div>
  );
}
