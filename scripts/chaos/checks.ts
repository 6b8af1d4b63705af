/**
 * What must hold after a chaos run has settled: nothing stuck, nothing lost or doubled on a panel,
 * one welcome email per activated service, one webhook row per event, and a ledger that adds up.
 */
import { sql } from "drizzle-orm";
import type { Conn } from "../../lib/db";
import { rows as query } from "../../lib/db/rows";
import type { DemoSimulatorKind } from "../../lib/demo/simulators";
import type { PanelObject } from "./panels";

export type Findings = Record<"stuck" | "lost" | "duplicates" | "orphans" | "state" | "email" | "webhooks" | "ledger", string[]>;

const wishOf: Record<string, string> = { open: "active", resume: "active", suspend: "suspended", close: "closed" };
const registrars = new Set(["webnames", "epp"]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;
type ServiceRow = { id: number; status: string; remote_name: string; module: string | null; open_tasks: number; wish_kind: string | null; wish_status: string | null };

export async function check(conn: Conn, panels: Record<DemoSimulatorKind, PanelObject[]>, delivered: Map<number, number>) {
  const f: Findings = { stuck: [], lost: [], duplicates: [], orphans: [], state: [], email: [], webhooks: [], ledger: [] };

  for (const op of await query<Row>(conn, sql`select id, service_id, kind, status from operations where status in ('queued', 'running', 'waiting')`)) {
    f.stuck.push(`operation ${op.id} (${op.kind}) of service ${op.service_id} still ${op.status}`);
  }
  for (const op of await query<Row>(conn, sql`select o.id, o.service_id from operations o where o.status = 'manual'
                              and (select count(*) from tasks t where t.operation_id = o.id and t.status in ('new', 'in_progress')) <> 1`)) {
    f.stuck.push(`operation ${op.id} of service ${op.service_id} is manual without exactly one open task`);
  }

  // A suspension (the client's or the service's own) leaves no service running, and a lift resumes
  // only what holds no other reason: nothing active still holds a reason, no client stays suspended.
  for (const r of await query<Row>(conn, sql`select s.id, string_agg(distinct x.scope || ':' || x.reason, ', ') as reasons
      from services s join service_suspensions x on x.service_id = s.id and x.lifted_at is null
      where s.status = 'active' and not exists (select 1 from tasks t where t.service_id = s.id and t.status in ('new', 'in_progress'))
      group by s.id`)) {
    f.stuck.push(`service ${r.id} is active while it holds a suspension (${r.reasons}) and no task holds it`);
  }
  for (const r of await query<Row>(conn, sql`select id from clients where suspended_at is not null`)) f.stuck.push(`client ${r.id} is still suspended`);

  const rows = await query<ServiceRow>(conn, sql`
    select s.id, s.status, s.remote_name, h.module,
      (select count(*)::int from tasks t where t.service_id = s.id and t.status in ('new', 'in_progress')) as open_tasks,
      w.kind as wish_kind, w.status as wish_status
    from services s left join handlers h on h.id = s.handler_id
    left join lateral (select kind, status from operations o where o.service_id = s.id and o.kind in ('open', 'suspend', 'resume', 'close')
                       and o.status <> 'cancelled' order by o.id desc limit 1) w on true`);
  const live = new Map<string, Map<string, ServiceRow>>();
  for (const s of rows) {
    const held = s.open_tasks > 0;
    if (!held && s.wish_kind && s.status !== wishOf[s.wish_kind]) f.stuck.push(`service ${s.id} is ${s.status}, asked to be ${wishOf[s.wish_kind]}, and no task holds it`);
    if (!held && (s.status === "processing" || s.status === "ordered")) f.stuck.push(`service ${s.id} is ${s.status} and no task holds it`);
    if (!s.module || s.module === "manual") continue;
    const byName = live.get(s.module) ?? new Map<string, ServiceRow>();
    live.set(s.module, byName);
    if (s.status !== "closed" || registrars.has(s.module) || held) byName.set(s.remote_name, s);
  }

  for (const [kind, objects] of Object.entries(panels) as [DemoSimulatorKind, PanelObject[]][]) {
    const counts = new Map<string, number>();
    for (const o of objects) if (!o.foreign) counts.set(o.name, (counts.get(o.name) ?? 0) + 1);
    for (const [name, n] of counts) if (n > 1) f.duplicates.push(`${kind}: ${n} objects named ${name}`);
    const services = live.get(kind) ?? new Map<string, ServiceRow>();
    for (const o of objects) {
      if (o.foreign) continue;
      const s = services.get(o.name);
      if (!s) f.orphans.push(`${kind}: ${o.name} belongs to no live service`);
      else if (s.open_tasks === 0 && (s.status === "active" || s.status === "suspended") && !registrars.has(kind) && o.state !== s.status) {
        f.state.push(`${kind}: ${o.name} is ${o.state} on the panel, service ${s.id} is ${s.status}`);
      }
    }
    const names = new Set(objects.filter((o) => !o.foreign).map((o) => o.name));
    for (const s of services.values()) {
      if ((s.status === "active" || s.status === "suspended") && s.open_tasks === 0 && !names.has(s.remote_name)) f.lost.push(`${kind}: service ${s.id} is ${s.status} but ${s.remote_name} is not on the panel`);
    }
  }

  for (const r of await query<Row>(conn, sql`
      select s.id, (select count(*)::int from email_outbox e where e.service_id = s.id and e.dedupe_key like 'welcome:%') as mails,
        exists (select 1 from operations o where o.service_id = s.id and o.kind = 'open' and o.status = 'done') as opened
      from services s`)) {
    const want = r.opened ? 1 : 0;
    if (r.mails !== want) f.email.push(`service ${r.id}: ${r.mails} welcome emails, expected ${want}`);
  }
  for (const r of await query<Row>(conn, sql`select id, status from email_outbox where status <> 'sent'`)) f.email.push(`email ${r.id} is ${r.status}`);

  for (const r of await query<Row>(conn, sql`select id, event, dedupe_key, status from webhook_outbox`)) {
    if (r.status !== "sent") f.webhooks.push(`webhook ${r.id} (${r.event}) is ${r.status}`);
    else if (!delivered.has(Number(r.id))) f.webhooks.push(`webhook ${r.id} (${r.event}) never reached the endpoint`);
  }
  for (const r of await query<Row>(conn, sql`select o.id, o.kind from operations o join services s on s.id = o.service_id
      where o.status = 'done' and o.kind in ('open', 'suspend', 'resume', 'close')
      and (select count(*) from webhook_outbox w where w.dedupe_key like '%:op:' || o.id) > 1`)) {
    f.webhooks.push(`operation ${r.id} (${r.kind}) has more than one webhook event`);
  }

  for (const r of await query<Row>(conn, sql`
      select c.id, c.balance, coalesce(sum(b.amount), 0)::bigint as total,
        (select balance_after from balance_entries l where l.client_id = c.id order by l.id desc limit 1) as last
      from clients c left join balance_entries b on b.client_id = c.id group by c.id`)) {
    if (BigInt(r.balance) !== BigInt(r.total) || (r.last !== null && BigInt(r.last) !== BigInt(r.balance))) {
      f.ledger.push(`client ${r.id}: balance ${r.balance}, ledger sum ${r.total}, last entry ${r.last}`);
    }
  }
  for (const r of await query<Row>(conn, sql`select invoice_id, count(*)::int as n from balance_entries where kind = 'charge' and invoice_id is not null group by invoice_id having count(*) > 1`)) {
    f.ledger.push(`invoice ${r.invoice_id} charged ${r.n} times`);
  }
  for (const r of await query<Row>(conn, sql`select o.id from orders o where o.status = 'paid'
      and (select count(*) from balance_entries b join invoices i on i.id = b.invoice_id where i.order_id = o.id and b.kind = 'charge') <> 1`)) {
    f.ledger.push(`paid order ${r.id} has no single charge`);
  }
  for (const r of await query<Row>(conn, sql`select o.id from operations o where o.kind = 'prolong' and o.status <> 'cancelled'
      and not exists (select 1 from balance_entries b where b.reference = 'renewal:' || o.service_id || ':' || (o.params->>'forExpiry'))`)) {
    f.ledger.push(`renewal operation ${r.id} has no charge`);
  }
  return f;
}

/** p99 (and p50) of payment → active, from the open operations done by a module (paid since `since`, when given). */
export async function payToActive(conn: Conn, since?: Date) {
  const [r] = await query<Row>(conn, sql`select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.99) within group (order by ms) as p99, count(*)::int as n
    from (select extract(epoch from (finished_at - created_at)) * 1000 as ms from operations where kind = 'open' and status = 'done' and done_by = 'module'
      and created_at >= ${(since ?? new Date(0)).toISOString()}::timestamptz) t`);
  return { p50: Math.round(Number(r?.p50 ?? 0)), p99: Math.round(Number(r?.p99 ?? 0)), n: Number(r?.n ?? 0) };
}
