import { sql } from "drizzle-orm";
import { rows } from "../../db/rows";
import { now, parseInput, requireAdmin, type Ctx } from "../context";
import { moneyReportInput, reportMonths } from "./money-report";

/** What a live service brings per month: the price of its current period (last paid renewal, else its order item) over the period's months. */
const monthlyPrice = sql`coalesce((select i.amount from invoices i where i.service_id = s.id and i.kind = 'renewal' and i.status = 'paid' order by i.id desc limit 1), oi.price, 0)::numeric / greatest(s.months, 1)`;

/**
 * Monthly recurring revenue per currency: every active or suspended service's monthly price,
 * summed, rounded to the minor unit at the end.
 */
export async function recurringRevenue({ ctx }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const found = await rows<{ currency: string; mrr: string; services: number }>(
    ctx.db,
    sql`select c.currency, round(sum(${monthlyPrice}))::bigint as mrr, count(*)::int as services
          from services s join clients c on c.id = s.client_id left join order_items oi on oi.id = s.order_item_id
         where s.status in ('active', 'suspended') group by c.currency order by c.currency`,
  );
  return found.map((r) => ({ currency: r.currency, mrr: Number(r.mrr), services: Number(r.services) }));
}

/**
 * Churn per month (UTC): services closed in the month over the services live at its start (set
 * up before it and not closed before it). A service is closed when its history first says so.
 */
export async function churnByMonth({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const { start, end } = reportMonths(now(ctx), parseInput(moneyReportInput, input ?? {}));
  const found = await rows<{ month: string; live: number; closed: number }>(
    ctx.db,
    sql`with closings as (
          select service_id, min(created_at) as closed_at from service_history where to_status = 'closed' group by service_id
        ), months as (
          select m as month_start, m + interval '1 month' as month_end
            from generate_series(${start.toISOString()}::timestamptz at time zone 'UTC', (${end.toISOString()}::timestamptz at time zone 'UTC') - interval '1 month', interval '1 month') m
        )
        select to_char(months.month_start, 'YYYY-MM') as month,
               (select count(*) from services s left join closings c on c.service_id = s.id
                 where s.created_at < months.month_start at time zone 'UTC' and s.status <> 'ordered'
                   and (c.closed_at is null or c.closed_at >= months.month_start at time zone 'UTC'))::int as live,
               (select count(*) from closings c
                 where c.closed_at >= months.month_start at time zone 'UTC' and c.closed_at < months.month_end at time zone 'UTC')::int as closed
          from months order by 1 desc`,
  );
  return found.map((r) => ({ month: r.month, live: Number(r.live), closed: Number(r.closed), churn: Number(r.live) > 0 ? Number(r.closed) / Number(r.live) : null }));
}

/** Unpaid invoices past their due date, the longest overdue first. */
export async function overdueInvoices({ ctx }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const at = now(ctx);
  const found = await rows<{ id: number; number: string | null; client_id: number; client_name: string; amount: string; currency: string; due_at: string | Date }>(
    ctx.db,
    sql`select i.id, i.number, i.client_id, c.name as client_name, i.amount, i.currency, i.due_at
          from invoices i join clients c on c.id = i.client_id
         where i.status = 'unpaid' and i.due_at < ${at.toISOString()}::timestamptz order by i.due_at, i.id limit 500`,
  );
  return found.map((r) => {
    const dueAt = new Date(r.due_at);
    return {
      id: Number(r.id), number: r.number, clientId: Number(r.client_id), clientName: r.client_name, amount: Number(r.amount), currency: r.currency,
      dueAt, daysOverdue: Math.floor((at.getTime() - dueAt.getTime()) / 86_400_000),
    };
  });
}
