import Link from "next/link";
import { useTranslations } from "next-intl";

type Filter = { departmentId?: number; mine: boolean };

function href({ departmentId, mine }: Filter): string {
  const params = new URLSearchParams();
  if (departmentId) params.set("department", String(departmentId));
  if (mine) params.set("view", "mine");
  const query = params.toString();
  return query ? `/board?${query}` : "/board";
}

function Chip({ to, current, children }: { to: string; current: boolean; children: string }) {
  return (
    <Link
      href={to}
      aria-current={current ? "page" : undefined}
      className={`rounded-full border px-3 py-1 text-sm ${current ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
    >
      {children}
    </Link>
  );
}

/** The department filter and the all/mine view, as links: they work without JavaScript and can be bookmarked. */
export function BoardFilters({ departments, current, allLabel }: { departments: { id: number; name: string }[]; current: Filter; allLabel: string }) {
  const t = useTranslations("board");
  return (
    <div className="mb-4 flex flex-wrap items-center gap-4">
      <nav aria-label={t("department")} className="flex flex-wrap gap-2">
        <Chip to={href({ ...current, departmentId: undefined })} current={!current.departmentId}>
          {allLabel}
        </Chip>
        {departments.map((d) => (
          <Chip key={d.id} to={href({ ...current, departmentId: d.id })} current={current.departmentId === d.id}>
            {d.name}
          </Chip>
        ))}
      </nav>
      <nav aria-label={t("view")} className="flex gap-2">
        <Chip to={href({ ...current, mine: false })} current={!current.mine}>
          {t("allTasks")}
        </Chip>
        <Chip to={href({ ...current, mine: true })} current={current.mine}>
          {t("mine")}
        </Chip>
      </nav>
    </div>
  );
}
