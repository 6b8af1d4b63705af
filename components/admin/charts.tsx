"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormatter, useTranslations } from "next-intl";
import { durationIn } from "./duration";

/** Chart text at a size people can read, in the page's greys. */
const tick = { fontSize: 13, fill: "#334155" };
const colors = { done: "#059669", error: "#dc2626", pending: "#0284c7", p50: "#6366f1", p95: "#f59e0b" };

export type HourPoint = { hour: string; done: number; error: number; pending: number };
export type HandlerRate = { name: string; attempts: number; errors: number; rate: number };
export type ModuleTime = { module: string; services: number; p50: number; p95: number };

/** Attempts per hour, stacked by outcome. */
export function HourlyOutcomeChart({ points }: { points: HourPoint[] }) {
  const t = useTranslations("adminCharts");
  const total = points.reduce((s, p) => s + p.done + p.error + p.pending, 0);
  return (
    <figure aria-label={t("attemptsAria", { total })} className="min-w-0 overflow-hidden">
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="hour" tick={tick} interval="preserveStartEnd" minTickGap={24} />
            <YAxis allowDecimals={false} tick={tick} width={44} />
            <Tooltip contentStyle={{ fontSize: 13 }} />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar dataKey="done" name={t("done")} stackId="a" fill={colors.done} isAnimationActive={false} />
            <Bar dataKey="pending" name={t("waiting")} stackId="a" fill={colors.pending} isAnimationActive={false} />
            <Bar dataKey="error" name={t("error")} stackId="a" fill={colors.error} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-600">{t("hoursUtc")}</figcaption>
      <div className="sr-only">
        <table>
        <caption>{t("attemptsCaption")}</caption>
        <tbody>
          {points.map((p) => (
            <tr key={p.hour}>
              <th scope="row">{p.hour}</th>
              <td>{t("doneCount", { count: p.done })}</td>
              <td>{t("errorCount", { count: p.error })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}

/** Share of failed attempts per processing module, worst first. */
export function FailureRateChart({ handlers }: { handlers: HandlerRate[] }) {
  const t = useTranslations("adminCharts");
  const format = useFormatter();
  const pct = (v: unknown) => format.number(Number(v), { style: "percent", maximumFractionDigits: 0 });
  if (handlers.length === 0) return <p className="text-sm text-slate-600">{t("noAttempts")}</p>;
  return (
    <figure aria-label={t("failureAria")} className="min-w-0 overflow-hidden">
      <div className="w-full" style={{ height: 40 + handlers.length * 36 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={handlers} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" domain={[0, 1]} tickFormatter={pct} tick={tick} />
            <YAxis type="category" dataKey="name" tick={tick} width={150} />
            <Tooltip formatter={(v, _n, item) => [t("failedOf", { pct: pct(v), errors: item.payload.errors, attempts: item.payload.attempts }), t("failed")]} contentStyle={{ fontSize: 13 }} />
            <Bar dataKey="rate" name={t("failed")} fill={colors.error} isAnimationActive={false}>
              <LabelList dataKey="rate" position="right" formatter={pct} style={{ fontSize: 13, fill: "#334155" }} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="sr-only">
        <table>
        <caption>{t("failureAria")}</caption>
        <tbody>
          {handlers.map((h) => (
            <tr key={h.name}>
              <th scope="row">{h.name}</th>
              <td>{t("failedRow", { errors: h.errors, attempts: h.attempts })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}


/** Time from payment to active, median and 95th percentile, per module. */
export function SetupTimeChart({ modules }: { modules: ModuleTime[] }) {
  const t = useTranslations("adminCharts");
  const format = useFormatter();
  const n = (x: number) => format.number(x);
  const duration = durationIn({
    ms: (x) => t("duration.ms", { n: n(x) }),
    s: (x) => t("duration.s", { n: n(x) }),
    minS: (m, s) => t("duration.minS", { m: n(m), s }),
    min: (m) => t("duration.min", { m: n(m) }),
    h: (x) => t("duration.h", { n: n(x) }),
  });
  if (modules.length === 0) return <p className="text-sm text-slate-600">{t("noSetups")}</p>;
  return (
    <figure aria-label={t("setupAria")} className="min-w-0 overflow-hidden">
      <div className="w-full" style={{ height: 60 + modules.length * 48 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={modules} layout="vertical" margin={{ top: 4, right: 64, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" tickFormatter={duration} tick={tick} />
            <YAxis type="category" dataKey="module" tick={tick} width={130} />
            <Tooltip formatter={(v, n) => [duration(v), n]} contentStyle={{ fontSize: 13 }} />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar dataKey="p50" name={t("median")} fill={colors.p50} isAnimationActive={false}>
              <LabelList dataKey="p50" position="right" formatter={duration} style={{ fontSize: 12, fill: "#334155" }} />
            </Bar>
            <Bar dataKey="p95" name="p95" fill={colors.p95} isAnimationActive={false}>
              <LabelList dataKey="p95" position="right" formatter={duration} style={{ fontSize: 12, fill: "#334155" }} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="sr-only">
        <table>
        <caption>{t("setupCaption")}</caption>
        <tbody>
          {modules.map((m) => (
            <tr key={m.module}>
              <th scope="row">{m.module}</th>
              <td>{t("setupRow", { p50: duration(m.p50), p95: duration(m.p95), count: m.services })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
