import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/services/context";
import { Card, ForbiddenNotice, PageHeading } from "@/components/ui/card";

export const dynamic = "force-dynamic";
export const metadata = { title: "Task board · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const columns = [
  { title: "New", empty: "No new tasks in your departments." },
  { title: "In progress", empty: "Tasks you take appear here." },
  { title: "Done", empty: "Closed tasks of the last days." },
];

export default async function BoardPage({ searchParams }: Props) {
  const { notice } = await searchParams;
  const actor = await currentActor();
  if (actor.type === "anonymous") redirect("/sign-in?next=/board");
  if (!isStaff(actor)) redirect("/");
  return (
    <>
      <ForbiddenNotice notice={notice} />
      <PageHeading title="Task board" description="Work that processing modules could not finish on their own." />
      <div className="grid gap-4 md:grid-cols-3">
        {columns.map((c) => (
          <Card key={c.title} title={c.title}>
            <p className="text-sm text-slate-500">{c.empty}</p>
          </Card>
        ))}
      </div>
    </>
  );
}
