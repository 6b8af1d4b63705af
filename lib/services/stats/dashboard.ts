import { sql } from "drizzle-orm";
import { rows } from "../../db/rows";
import { KEY_REFUSED } from "../../email/key-refused";
import { now, requireAdmin, type Ctx } from "../context";
import { moneyByMonth } from "./money-report";

export type DashboardTiles = {
  services: { active: number; inProgress: number; suspended: number };
  failingNow: number;
  /** Operations waiting for staff (`manual`, each with its task). */
  manualNow: number;
  /** Emails given up on after their last try, and emails retrying after a refusal. */
  emails: { failed: number; retrying: number; keyRefused: boolean };
  openTasks: { departmentId: number | null; name: string; open: number }[];
  paymentsThisMonth: { currency: string; amount: number; count: number }[];
  /** This month's invoices issued and paid per currency, net of credit notes (the reports' figures). */
  moneyThisMonth: { currency: string; billed: number; collected: number }[];
  monthStart: Date;
};

/**
 * The dashboard's tiles. Each query is bounded by an index: services by status
 * (services_expires_idx leads with status), failing operations (operations_status_idx), open
 * tasks (tasks_board_idx), emails by status (email_outbox_due_idx); payments of this month scan
 * the payments table (no created_at index yet).
 */
export async function dashboardTiles({ ctx }: { ctx: Ctx; input?: unknown }): Promise<DashboardTiles> {
  requireAdmin(ctx.actor);
  const at = now(ctx);
  const monthStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const byStatus = await rows<{ status: string; n: number }>(
    ctx.db,
    sql`select status, count(*)::int as n from services where status in ('ordered', 'processing', 'active', 'suspended') group by status`,
  );
  const count = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  const [ops] = await rows<{ failing: number; manual: number }>(
    ctx.db,
    sql`select (count(*) filter (where status = 'queued' and attempts > 0 and last_error is not null))::int as failing,
               (count(*) filter (where status = 'manual'))::int as manual
        from operations where status in ('queued', 'manual')`,
  );
  const [mail] = await rows<{ failed: number; retrying: number; refused: number }>(
    ctx.db,
    sql`select (count(*) filter (where status = 'failed'))::int as failed,
               (count(*) filter (where status = 'queued' and attempts > 0 and last_error is not null))::int as retrying,
               (count(*) filter (where status = 'failed' and last_error like ${`${KEY_REFUSED}%`}))::int as refused
        from email_outbox where status in ('failed', 'queued')`,
  );
  const tasks = await rows<{ department_id: number | null; name: string | null; open: number }>(
    ctx.db,
    sql`select d.id as department_id, d.name, count(t.id)::int as open
        from departments d left join tasks t on t.department_id = d.id and t.status in ('new', 'in_progress')
        group by d.id, d.name
        union all
        select null, null, count(*)::int from tasks where department_id is null and status in ('new', 'in_progress')
        order by 3 desc, 2`,
  );
  const payments = await rows<{ currency: string; amount: number; count: number }>(
    ctx.db,
    sql`select currency, sum(amount)::bigint as amount, count(*)::int as count
        from payments where created_at >= ${monthStart.toISOString()}::timestamptz
        group by currency order by currency`,
  );
  const thisMonth = monthStart.toISOString().slice(0, 7);
  const { months } = await moneyByMonth({ ctx, input: { from: thisMonth, to: thisMonth } });
  return {
    moneyThisMonth: months.map((m) => ({ currency: m.currency, billed: m.billed - m.credited, collected: m.collected })),
    services: { active: count("active"), inProgress: count("ordered") + count("processing"), suspended: count("suspended") },
    failingNow: Number(ops?.failing ?? 0),
    manualNow: Number(ops?.manual ?? 0),
    emails: { failed: Number(mail?.failed ?? 0), retrying: Number(mail?.retrying ?? 0), keyRefused: Number(mail?.refused ?? 0) > 0 },
    openTasks: tasks
      .filter((t) => t.department_id !== null || Number(t.open) > 0)
      .map((t) => ({ departmentId: t.department_id === null ? null : Number(t.department_id), name: t.name ?? "No department", open: Number(t.open) })),
    paymentsThisMonth: payments.map((p) => ({ currency: p.currency, amount: Number(p.amount), count: Number(p.count) })),
    monthStart,
  };
}
