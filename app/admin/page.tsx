import Link from "next/link";
import { operationStats } from "@/lib/services/stats/operations";
import { Card, ForbiddenNotice, PageHeading } from "@/components/ui/card";
import { FailureRateChart, HourlyOutcomeChart } from "@/components/admin/charts";
import { adminPageCtx } from "./session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Admin · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const shortcuts = [
  { href: "/admin/operations", title: "Current operations", text: "Queued, running and failed operations, with their logs." },
  { href: "/admin/handlers", title: "Processing modules", text: "Connections to control panels, registrars and VM managers." },
  { href: "/admin/tariffs", title: "Tariffs", text: "Plans in the store, their prices, resources and handlers." },
  { href: "/admin/clients", title: "Clients", text: "Accounts, balances and services of your clients." },
];

export default async function AdminPage({ searchParams }: Props) {
  const { notice } = await searchParams;
  const ctx = await adminPageCtx("/admin");
  const stats = await operationStats({ ctx, input: { hours: 24 } });
  return (
    <>
      <ForbiddenNotice notice={notice} />
      <PageHeading title="Dashboard" description="Configure service processing and watch it run." />
      <div className="mb-6 grid gap-4 xl:grid-cols-2">
        <Card title="Operation attempts per hour">
          <HourlyOutcomeChart buckets={stats.perHour} />
        </Card>
        <Card title="Failure rate per processing module (last day)">
          <FailureRateChart handlers={stats.handlers} />
        </Card>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2">
        {shortcuts.map((s) => (
          <li key={s.href}>
            <Card className="h-full">
              <Link href={s.href} className="font-semibold text-indigo-700 hover:underline">
                {s.title}
              </Link>
              <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
