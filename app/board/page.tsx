import { AppError } from "@/lib/errors";
import { isAdmin } from "@/lib/services/context";
import { staffPageCtx } from "@/lib/services/request-context";
import { listBoardDepartments } from "@/lib/services/tasks/departments";
import { listTasks, type TaskListItem } from "@/lib/services/tasks/list";
import { ForbiddenNotice, Notice, PageHeading } from "@/components/ui/card";
import { AutoRefresh } from "@/components/board/auto-refresh";
import { BoardColumn } from "@/components/board/board-column";
import { BoardFilters } from "@/components/board/board-filters";

export const dynamic = "force-dynamic";
export const metadata = { title: "Task board · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const columns = [
  { status: "new", title: "New", empty: "No new tasks.", limit: 50 },
  { status: "in_progress", title: "In progress", empty: "Tasks someone has taken appear here.", limit: 50 },
  { status: "done", title: "Done", empty: "Closed tasks appear here.", limit: 20 },
  { status: "cancelled", title: "Cancelled", empty: "Tasks cancelled in the last day (by a restart or a cancel) stay here for a day.", limit: 20 },
] as const;

const DAY_MS = 24 * 60 * 60_000;

export default async function BoardPage({ searchParams }: Props) {
  const { notice, department, view } = await searchParams;
  const ctx = await staffPageCtx("/board");
  const { actor } = ctx;
  const departments = await listBoardDepartments({ ctx });
  const departmentId = typeof department === "string" && /^\d+$/.test(department) ? Number(department) : undefined;
  const mine = view === "mine";
  let lists: TaskListItem[][] = [];
  let refused: string | null = null;
  const dayAgo = new Date(Date.now() - DAY_MS);
  try {
    lists = await Promise.all(columns.map((c) => listTasks({ ctx, input: { status: c.status, departmentId, mine, limit: c.limit, closedAfter: c.status === "cancelled" ? dayAgo : undefined } })
      .then((r) => r.items)));
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "forbidden") throw error;
    refused = error.message;
  }
  const now = new Date();
  return (
    <>
      <AutoRefresh />
      <ForbiddenNotice notice={notice} />
      <PageHeading title="Task board" description="Work that processing modules could not finish on their own." />
      <BoardFilters departments={departments} current={{ departmentId, mine }} allLabel={isAdmin(actor) ? "All departments" : "All my departments"} />
      {departments.length === 0 && !isAdmin(actor) && <Notice tone="warning">You are not in any department yet, so no tasks reach you.</Notice>}
      {refused ? (
        <Notice tone="error">{refused}</Notice>
      ) : (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
          {columns.map((c, i) => (
            <BoardColumn key={c.status} title={c.title} tasks={lists[i] ?? []} empty={c.empty} now={now} />
          ))}
        </div>
      )}
    </>
  );
}
