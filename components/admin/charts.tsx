import type { HandlerFailures, HourBucket } from "@/lib/services/stats/operations";

const hourLabel = (d: Date) => `${String(d.getUTCHours()).padStart(2, "0")}:00`;

/** Attempts per hour, done stacked under error, as an SVG bar chart with a table for screen readers. */
export function HourlyOutcomeChart({ buckets }: { buckets: HourBucket[] }) {
  const width = 720;
  const height = 180;
  const pad = { left: 32, bottom: 22, top: 8 };
  const max = Math.max(1, ...buckets.map((b) => b.done + b.error));
  const slot = (width - pad.left) / buckets.length;
  const y = (n: number) => ((height - pad.bottom - pad.top) * n) / max;
  const total = buckets.reduce((s, b) => s + b.done + b.error, 0);
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={`Attempts per hour over the last ${buckets.length} hours: ${total} in all`}>
        <line x1={pad.left} x2={width} y1={height - pad.bottom} y2={height - pad.bottom} stroke="#cbd5e1" />
        <text x={pad.left - 4} y={pad.top + 8} textAnchor="end" fontSize="10" fill="#64748b">{max}</text>
        <text x={pad.left - 4} y={height - pad.bottom} textAnchor="end" fontSize="10" fill="#64748b">0</text>
        {buckets.map((b, i) => {
          const x = pad.left + i * slot + 2;
          const w = Math.max(1, slot - 4);
          const base = height - pad.bottom;
          return (
            <g key={b.start.toISOString()}>
              <title>{`${hourLabel(b.start)} UTC: ${b.done} done, ${b.error} error`}</title>
              <rect x={x} width={w} y={base - y(b.done)} height={y(b.done)} fill="#10b981" />
              <rect x={x} width={w} y={base - y(b.done) - y(b.error)} height={y(b.error)} fill="#ef4444" />
              {i % 3 === 0 && (
                <text x={x + w / 2} y={height - 6} textAnchor="middle" fontSize="10" fill="#64748b">{hourLabel(b.start)}</text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
        <span><span className="mr-1 inline-block size-2 bg-emerald-500" />done</span>
        <span><span className="mr-1 inline-block size-2 bg-red-500" />error</span>
        <span>hours in UTC</span>
      </figcaption>
      <table className="sr-only">
        <caption>Attempts per hour</caption>
        <tbody>
          {buckets.map((b) => (
            <tr key={b.start.toISOString()}><th scope="row">{hourLabel(b.start)}</th><td>{b.done} done</td><td>{b.error} error</td></tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Share of failed attempts per handler over the last day, as horizontal bars. */
export function FailureRateChart({ handlers }: { handlers: HandlerFailures[] }) {
  if (handlers.length === 0) return <p className="text-sm text-slate-500">No attempts in the last day.</p>;
  const row = 26;
  const width = 720;
  const label = 200;
  return (
    <svg viewBox={`0 0 ${width} ${handlers.length * row}`} className="h-auto w-full" role="img" aria-label="Failure rate per processing module over the last day">
      {handlers.map((h, i) => {
        const pct = Math.round(h.failureRate * 100);
        const w = (width - label - 120) * h.failureRate;
        return (
          <g key={`${h.handlerId}`} transform={`translate(0 ${i * row})`}>
            <title>{`${h.name}: ${h.errors} of ${h.attempts} attempts failed`}</title>
            <text x={label - 8} y={row / 2 + 4} textAnchor="end" fontSize="12" fill="#334155">{h.name.length > 28 ? `${h.name.slice(0, 27)}…` : h.name}</text>
            <rect x={label} y={4} width={width - label - 120} height={row - 8} fill="#f1f5f9" />
            <rect x={label} y={4} width={w} height={row - 8} fill={pct >= 50 ? "#ef4444" : pct > 0 ? "#f59e0b" : "#10b981"} />
            <text x={width - 112} y={row / 2 + 4} fontSize="12" fill="#334155">{`${pct}% (${h.errors}/${h.attempts})`}</text>
          </g>
        );
      })}
    </svg>
  );
}
