import { getTranslations } from "next-intl/server";
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
export async function generateMetadata() {
  return { title: (await getTranslations("board"))("meta") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const columns = [
  { status: "new", limit: 50 },
  { status: "in_progress", limit: 50 },
  { status: "done", limit: 20 },
  { status: "cancelled", limit: 20 },
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
  const t = await getTranslations("board");
  return (
    <>
      <AutoRefresh />
      <ForbiddenNotice notice={notice} />
      <PageHeading title={t("title")} description={t("description")} />
      <BoardFilters departments={departments} current={{ departmentId, mine }} allLabel={isAdmin(actor) ? t("allDepartments") : t("allMine")} />
      {departments.length === 0 && !isAdmin(actor) && <Notice tone="warning">{t("noDepartment")}</Notice>}
      {refused ? (
        <Notice tone="error">{refused}</Notice>
      ) : (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
          {columns.map((c, i) => (
            <BoardColumn key={c.status} title={t(`columns.${c.status}`)} tasks={lists[i] ?? []} empty={t(`empty.${c.status}`)} now={now} />
          ))}
        </div>
      )}
    </>
  );
}
