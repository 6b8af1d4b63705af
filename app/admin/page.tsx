import Link from "next/link";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/actor";
import { isAdmin } from "@/lib/services/context";
import { Card, ForbiddenNotice, PageHeading } from "@/components/ui/card";

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
  const actor = await currentActor();
  if (actor.type === "anonymous") redirect("/sign-in?next=/admin");
  if (!isAdmin(actor)) redirect("/");
  return (
    <>
      <ForbiddenNotice notice={notice} />
      <PageHeading title="Dashboard" description="Configure service processing and watch it run." />
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
