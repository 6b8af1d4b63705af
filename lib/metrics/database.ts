import { sql } from "drizzle-orm";
import { Gauge, Registry } from "prom-client";
import type { Conn } from "../db";
import { rows } from "../db/rows";

type Labels = Record<string, string | number>;

function gauge(registry: Registry, name: string, help: string, labelNames: string[], values: { labels: Labels; value: number }[]) {
  const g = new Gauge({ name, help, labelNames, registers: [registry] });
  for (const v of values) g.set(v.labels, v.value);
}

/**
 * Gauges read from the database at scrape time, the same for every process that serves them (so
 * any number of workers and web processes agree). Every query reads live rows through a partial
 * or leading index; none counts the finished history.
 */
export async function databaseMetrics(conn: Conn, now: Date): Promise<Registry> {
  const registry = new Registry();
  const at = now.toISOString();
  const ops = await rows<{ status: string; module: string | null; n: number }>(
    conn,
    sql`select o.status, h.module, count(*)::int as n
        from operations o join services s on s.id = o.service_id left join handlers h on h.id = coalesce(o.handler_id, s.handler_id)
        where o.status in ('queued', 'running', 'waiting', 'manual')
        group by o.status, h.module`,
  );
  gauge(registry, "provisio_operations", "Live operations by state and module (unassigned: a new service before its first attempt chose a handler; finished ones: provisio_attempts_total).", ["state", "module"],
    ops.map((r) => ({ labels: { state: r.status, module: r.module ?? "unassigned" }, value: Number(r.n) })));
  const [due] = await rows<{ n: number; oldest: number | null }>(
    conn,
    sql`select count(*)::int as n, extract(epoch from (${at}::timestamptz - min(run_at)))::float8 as oldest
        from operations where status in ('queued', 'waiting') and run_at <= ${at}::timestamptz`,
  );
  gauge(registry, "provisio_operations_due", "Operations due now and not yet taken.", [], [{ labels: {}, value: Number(due?.n ?? 0) }]);
  gauge(registry, "provisio_operations_oldest_due_seconds", "Age of the oldest operation due and not taken (0 when none).", [],
    [{ labels: {}, value: Math.max(0, Number(due?.oldest ?? 0)) }]);

  const handlers = await rows<{ id: number; name: string; module: string; health: string; max_running: number; in_use: number }>(
    conn,
    sql`select h.id, h.name, h.module, h.health, h.max_running,
          (select count(*)::int from handler_slots s where s.handler_id = h.id and s.lease_until > ${at}::timestamptz) as in_use
        from handlers h`,
  );
  const hl = (h: (typeof handlers)[number]) => ({ handler: h.name, handler_id: Number(h.id), module: h.module });
  gauge(registry, "provisio_handler_healthy", "1 when the handler's last answer was healthy, 0 when failing, -1 when unknown.", ["handler", "handler_id", "module"],
    handlers.map((h) => ({ labels: hl(h), value: h.health === "healthy" ? 1 : h.health === "failing" ? 0 : -1 })));
  gauge(registry, "provisio_handler_slots_in_use", "Running slots of the handler taken now.", ["handler", "handler_id", "module"],
    handlers.map((h) => ({ labels: hl(h), value: Number(h.in_use) })));
  gauge(registry, "provisio_handler_max_running", "The handler's max running operations.", ["handler", "handler_id", "module"],
    handlers.map((h) => ({ labels: hl(h), value: Number(h.max_running) })));

  const tasks = await rows<{ department: string | null; status: string; n: number }>(
    conn,
    sql`select d.name as department, t.status, count(*)::int as n from tasks t left join departments d on d.id = t.department_id
        where t.status in ('new', 'in_progress') group by d.name, t.status`,
  );
  gauge(registry, "provisio_tasks_open", "Open tasks by department and status.", ["department", "status"],
    tasks.map((t) => ({ labels: { department: t.department ?? "none", status: t.status }, value: Number(t.n) })));

  const outbox = await rows<{ outbox: string; status: string; n: number }>(
    conn,
    sql`select 'email' as outbox, status, count(*)::int as n from email_outbox where status in ('queued', 'sending', 'failed') group by status
        union all
        select 'webhook', status, count(*)::int from webhook_outbox where status in ('queued', 'sending', 'failed') group by status`,
  );
  gauge(registry, "provisio_outbox", "Outbox rows waiting (queued, sending) or given up (failed), by outbox.", ["outbox", "status"],
    outbox.map((o) => ({ labels: { outbox: o.outbox, status: o.status }, value: Number(o.n) })));
  return registry;
}
