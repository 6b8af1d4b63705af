import { useLocale } from "next-intl";
import { statusWordIn } from "./labels";

const tones: Record<string, string> = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  red: "bg-red-50 text-red-800 ring-red-600/20",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/20",
  blue: "bg-sky-50 text-sky-800 ring-sky-600/20",
  gray: "bg-slate-100 text-slate-700 ring-slate-500/20",
};

const toneOf: Record<string, keyof typeof tones> = {
  done: "green", active: "green", healthy: "green", enabled: "green", sent: "green", published: "green",
  error: "red", failing: "red", failed: "red", closed: "gray", cancelled: "gray", disabled: "gray", hidden: "gray",
  manual: "amber", suspended: "amber", waiting: "amber", in_progress: "amber", new: "amber",
  queued: "blue", running: "blue", processing: "blue", sending: "blue", ordered: "blue", unknown: "gray",
};

/** A status as a coloured pill, in words; the colour follows the code. */
export function Badge({ status, label }: { status: string; label?: string }) {
  const locale = useLocale();
  const tone = tones[toneOf[status] ?? "gray"];
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tone}`} data-status={status}>
      {label ?? statusWordIn(locale, status)}
    </span>
  );
}
