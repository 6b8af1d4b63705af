import { getLocale, getTranslations } from "next-intl/server";
import { dashboardTiles } from "@/lib/services/stats/dashboard";
import { operationStats } from "@/lib/services/stats/operations";
import { setupTimes } from "@/lib/services/stats/setup-times";
import { modules } from "@/lib/modules/registry";
import { Card, ForbiddenNotice, PageHeading } from "@/components/ui/card";
import { formatMoney as money } from "@/components/ui/money";
import { formatMonthIn } from "@/lib/i18n/format";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { FailureRateChart, HourlyOutcomeChart, SetupTimeChart } from "@/components/admin/charts";
import { Tile } from "@/components/admin/tile";
import { adminPageCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.dashboard"))("meta") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const hour = (d: Date) => `${String(d.getUTCHours()).padStart(2, "0")}:00`;

export default async function AdminPage({ searchParams }: Props) {
  const { notice } = await searchParams;
  const ctx = await adminPageCtx("/admin");
  const [tiles, stats, times] = await Promise.all([dashboardTiles({ ctx }), operationStats({ ctx, input: { hours: 24 } }), setupTimes({ ctx, input: { days: 7 } })]);
  const title = (kind: string) => modules[kind as keyof typeof modules]?.title ?? kind;
  const openTasks = tiles.openTasks.reduce((s, d) => s + d.open, 0);
  const [t, locale] = await Promise.all([getTranslations("admin.dashboard"), getLocale()]);
  const formatMoney = (amount: number, currency: string) => money(amount, currency, locale);
  const month = { format: (d: Date) => (locale === "en" ? new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(d) : formatMonthIn(locale, d)) };
  return (
    <>
      <ForbiddenNotice notice={notice} />
      <PageHeading title={t("title")} description={t("description")} />
      <AutoRefresh seconds={10} />
      <ul className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4 [&>*]:min-w-0">
        <Tile testId="tile-failing" label={t("failing")} value={tiles.failingNow} href="/admin/operations?status=failing" tone={tiles.failingNow > 0 ? "alarm" : tiles.manualNow > 0 ? "plain" : "calm"}>
          {tiles.failingNow > 0 ? t("failingSome") : t("none")}
        </Tile>
        <Tile testId="tile-manual" label={t("manual")} value={tiles.manualNow} href="/admin/operations?status=manual" tone={tiles.manualNow > 0 ? "attention" : "calm"}>
          {tiles.manualNow > 0 ? t("manualSome", { count: openTasks }) : t("manualNone")}
        </Tile>
        <Tile
          testId="tile-email"
          label={t("emails")}
          value={tiles.emails.failed}
          href={tiles.emails.failed > 0 || tiles.emails.retrying === 0 ? "/admin/mail?status=failed" : "/admin/mail?status=queued"}
          tone={tiles.emails.failed > 0 ? "alarm" : tiles.emails.retrying > 0 ? "attention" : "calm"}
        >
          {tiles.emails.keyRefused
            ? t("keyRefused")
            : tiles.emails.retrying > 0
              ? t("retrying", { count: tiles.emails.retrying })
              : tiles.emails.failed > 0
                ? t("givenUp")
                : t("allDelivered")}
        </Tile>
        <Tile testId="tile-tasks" label={t("tasks")} value={openTasks} href="/board">
          {tiles.openTasks.length === 0 ? t("noDepartments") : (
            <span className="flex flex-col">
              {tiles.openTasks.map((d) => (
                <span key={d.departmentId ?? "none"} className="flex justify-between gap-2">
                  <span className="truncate">{d.name}</span>
                  <span className="tabular-nums">{d.open}</span>
                </span>
              ))}
            </span>
          )}
        </Tile>
        <Tile testId="tile-active" label={t("active")} value={tiles.services.active} href="/admin/services?status=active" />
        <Tile testId="tile-in-progress" label={t("inProgress")} value={tiles.services.inProgress} href="/admin/services?status=processing">
          {t("beingSetUp")}
        </Tile>
        <Tile testId="tile-suspended" label={t("suspended")} value={tiles.services.suspended} href="/admin/services?status=suspended" />
        <Tile
          testId="tile-payments"
          label={t("billedIn", { month: month.format(tiles.monthStart) })}
          href="/admin/reports"
          value={tiles.moneyThisMonth.length === 0 ? formatMoney(0, "USD") : formatMoney(tiles.moneyThisMonth[0]!.billed, tiles.moneyThisMonth[0]!.currency)}
        >
          <span className="flex flex-col">
            {tiles.moneyThisMonth.length === 0
              ? <span>{t("nothingBilled")}</span>
              : tiles.moneyThisMonth.map((m) => <span key={m.currency}>{tiles.moneyThisMonth.length > 1 ? t("billed", { currency: m.currency, amount: formatMoney(m.billed, m.currency) }) : ""}{t("collected", { amount: formatMoney(m.collected, m.currency) })}</span>)}
            <span>
              {tiles.paymentsThisMonth.length === 0
                ? t("noPayments")
                : tiles.paymentsThisMonth.map((p) => t("payments", { count: p.count, amount: formatMoney(p.amount, p.currency) })).join(" · ")}
            </span>
          </span>
        </Tile>
      </ul>
      <div className="grid gap-4 xl:grid-cols-2 [&>*]:min-w-0">
        <Card title={t("perHour")} className="xl:col-span-2">
          <HourlyOutcomeChart points={stats.perHour.map((b) => ({ hour: hour(b.start), done: b.done, error: b.error, pending: b.pending }))} />
        </Card>
        <Card title={t("failureRate")}>
          <FailureRateChart handlers={stats.handlers.map((h) => ({ name: h.name, attempts: h.attempts, errors: h.errors, rate: h.failureRate }))} />
        </Card>
        <Card title={t("setupTime")}>
          <SetupTimeChart modules={times.map((t) => ({ module: title(t.module), services: t.services, p50: t.p50Seconds, p95: t.p95Seconds }))} />
        </Card>
      </div>
    </>
  );
}
