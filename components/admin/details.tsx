import { Fragment, type ReactNode } from "react";

/** Label and value pairs as a two-column description list. */
export function Details({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-2 gap-2 text-sm">
      {rows.map(([label, value], i) => (
        <Fragment key={`${label}-${i}`}>
          <dt className="text-slate-500">{label}</dt>
          <dd className="break-words">{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
