import type { ReactNode } from "react";
import Link from "next/link";

const tones = {
  plain: "border-slate-200 bg-white",
  alarm: "border-red-300 bg-red-50",
  attention: "border-amber-300 bg-amber-50",
  calm: "border-emerald-200 bg-white",
};

/** One figure on the dashboard, with what it counts and, when given, a link to the list behind it. */
export function Tile({ label, value, href, tone = "plain", children, testId }: { label: string; value: ReactNode; href?: string; tone?: keyof typeof tones; children?: ReactNode; testId?: string }) {
  const body = (
    <>
      <span className="text-sm font-medium text-slate-600">{label}</span>
      <span className={`text-3xl font-semibold tabular-nums ${tone === "alarm" ? "text-red-700" : "text-slate-900"}`}>{value}</span>
      {children && <span className="text-sm text-slate-600">{children}</span>}
    </>
  );
  const cls = `flex h-full flex-col gap-1 rounded-lg border p-4 shadow-xs ${tones[tone]}`;
  return (
    <li data-testid={testId}>
      {href ? (
        <Link href={href} className={`${cls} hover:border-indigo-400 focus-visible:outline-2 focus-visible:outline-indigo-600`}>
          {body}
        </Link>
      ) : (
        <div className={cls}>{body}</div>
      )}
    </li>
  );
}
