import { formatDateTimeIn } from "@/lib/i18n/format";
import { defaultLocale } from "@/lib/i18n/locales";
import type { ReactNode } from "react";

/** A column heading: plain text, or with classes (e.g. "hidden lg:table-cell" for a secondary column). */
export type Column = ReactNode | { label: ReactNode; className?: string };

const isColumn = (c: Column): c is { label: ReactNode; className?: string } => typeof c === "object" && c !== null && "label" in c;

/** Classes of a secondary column, hidden below a breakpoint; its cells take the same classes. */
export const from = { sm: "hidden sm:table-cell", md: "hidden md:table-cell", lg: "hidden lg:table-cell", xl: "hidden xl:table-cell" } as const;

/** A data table that scrolls sideways when it must; secondary columns can hide on narrow screens. */
export function Table({ head, children, caption }: { head: Column[]; children: ReactNode; caption?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50">
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className={`px-3 py-2 text-left font-medium whitespace-nowrap text-slate-600 ${isColumn(h) ? (h.className ?? "") : ""}`}>
                {isColumn(h) ? h.label : h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ children, className = "" }: { children?: ReactNode; className?: string }) {
  return <td className={`px-3 py-2 align-top text-slate-800 ${className}`}>{children}</td>;
}

export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-6 text-center text-slate-500">
        {children}
      </td>
    </tr>
  );
}

/** A date and time in UTC (the one way dates are written: 2026-12-07 14:05 UTC), with the exact instant in a tooltip. */
export function When({ at }: { at: Date | string | null | undefined }) {
  if (!at) return <span className="text-slate-400">—</span>;
  const d = new Date(at);
  return (
    <time dateTime={d.toISOString()} title={d.toISOString()} className="whitespace-nowrap">
      {formatDateTimeIn(defaultLocale, d)}
    </time>
  );
}
