import { dashboardTiles } from "@/lib/services/stats/dashboard";
import { operationStats } from "@/lib/services/stats/operations";
import { setupTimes } from "@/lib/services/stats/setup-times";
import { modules } from "@/lib/modules/registry";
import { Card, ForbiddenNotice, PageHeading } from "@/components/ui/card";
import { formatMoney } from "@/components/ui/money";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { FailureRateChart, HourlyOutcomeChart, SetupTimeChart } from "@/components/admin/charts";
import { Tile } from "@/components/admin/tile";
import { adminPageCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Admin · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const hour = (d: Date) => `${String(d.getUTCHours()).padStart(2, "0")}:00`;
const month = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });

export default async function AdminPage({ searchParams }: Props) {
  const { notice } = await searchParams;
  const ctx = await adminPageCtx("/admin");
  const [tiles, stats, times] = await Promise.all([dashboardTiles({ ctx }), operationStats({ ctx, input: { hours: 24 } }), setupTimes({ ctx, input: { days: 7 } })]);
  const title = (kind: string) => modules[kind as keyof typeof modules]?.title ?? kind;
  const openTasks = tiles.openTasks.reduce((s, d) => s + d.open, 0);
  return (
    <>
      <ForbiddenNotice notice={notice} />
      <PageHeading title="Dashboard" description="What needs attention now, and how service processing went over the last day." />
      <AutoRefresh seconds={10} />
      <ul className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4 [&>*]:min-w-0">
        <Tile testId="tile-failing" label="Operations failing now" value={tiles.failingNow} href="/admin/operations?status=failing" tone={tiles.failingNow > 0 ? "alarm" : tiles.manualNow > 0 ? "plain" : "calm"}>
          {tiles.failingNow > 0 ? "retrying after errors: see them" : "none"}
        </Tile>
        <Tile testId="tile-manual" label="Waiting for staff" value={tiles.manualNow} href="/admin/operations?status=manual" tone={tiles.manualNow > 0 ? "attention" : "calm"}>
          {tiles.manualNow > 0 ? `operations done by hand: ${openTasks} open ${openTasks === 1 ? "task" : "tasks"} on the board` : "nothing to do by hand"}
        </Tile>
        <Tile
          testId="tile-email"
          label="Emails not delivered"
          value={tiles.emails.failed}
          href={tiles.emails.failed > 0 || tiles.emails.retrying === 0 ? "/admin/mail?status=failed" : "/admin/mail?status=queued"}
          tone={tiles.emails.failed > 0 ? "alarm" : tiles.emails.retrying > 0 ? "attention" : "calm"}
        >
          {tiles.emails.keyRefused
            ? "Resend refuses the API key: fix RESEND_API_KEY, then resend them"
            : tiles.emails.retrying > 0
              ? `${tiles.emails.retrying} retrying after a refusal`
              : tiles.emails.failed > 0
                ? "given up after every try"
                : "all delivered or on their way"}
        </Tile>
        <Tile testId="tile-tasks" label="Open tasks" value={openTasks} href="/board">
          {tiles.openTasks.length === 0 ? "no departments" : (
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
        <Tile testId="tile-active" label="Services active" value={tiles.services.active} href="/admin/services?status=active" />
        <Tile testId="tile-in-progress" label="Services in progress" value={tiles.services.inProgress} href="/admin/services?status=processing">
          being set up
        </Tile>
        <Tile testId="tile-suspended" label="Services suspended" value={tiles.services.suspended} href="/admin/services?status=suspended" />
        <Tile
          testId="tile-payments"
          label={`Billed in ${month.format(tiles.monthStart)}`}
          href="/admin/reports"
          value={tiles.moneyThisMonth.length === 0 ? formatMoney(0, "USD") : formatMoney(tiles.moneyThisMonth[0]!.billed, tiles.moneyThisMonth[0]!.currency)}
        >
          <span className="flex flex-col">
            {tiles.moneyThisMonth.length === 0
              ? <span>nothing billed yet</span>
              : tiles.moneyThisMonth.map((m) => <span key={m.currency}>{tiles.moneyThisMonth.length > 1 ? `${m.currency}: billed ${formatMoney(m.billed, m.currency)}, ` : ""}collected {formatMoney(m.collected, m.currency)}</span>)}
            <span>
              {tiles.paymentsThisMonth.length === 0
                ? "no card or gateway payments"
                : tiles.paymentsThisMonth.map((p) => `${p.count} ${p.count === 1 ? "payment" : "payments"} received: ${formatMoney(p.amount, p.currency)}`).join(" · ")}
            </span>
          </span>
        </Tile>
      </ul>
      <div className="grid gap-4 xl:grid-cols-2 [&>*]:min-w-0">
        <Card title="Operation attempts per hour, by outcome (last 24 hours)" className="xl:col-span-2">
          <HourlyOutcomeChart points={stats.perHour.map((b) => ({ hour: hour(b.start), done: b.done, error: b.error, pending: b.pending }))} />
        </Card>
        <Card title="Failure rate per processing module (last 24 hours)">
          <FailureRateChart handlers={stats.handlers.map((h) => ({ name: h.name, attempts: h.attempts, errors: h.errors, rate: h.failureRate }))} />
        </Card>
        <Card title="Time from payment to active, per module (last 7 days)">
          <SetupTimeChart modules={times.map((t) => ({ module: title(t.module), services: t.services, p50: t.p50Seconds, p95: t.p95Seconds }))} />
        </Card>
      </div>
    </>
  );
}
