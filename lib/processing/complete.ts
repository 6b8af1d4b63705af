import { sql, type SQL } from "drizzle-orm";
import type { Conn } from "../db";
import { rows } from "../db/rows";
import type { OperationKind, OrderParams, ProductType, ServiceStatus } from "../vocabulary";
import { encryptJson } from "../crypto";
import { serviceEmail, statusWhyFrom } from "../email/service-emails";
import { emailSubject } from "../email/templates";
import { addMonths } from "../dates";
import { giveBackSlot } from "./select-handler";
import { WORK_CHANNEL } from "./wake";
import { doneMessage, emailEventFor, statusAfter, webhookEventFor } from "./status";

/** The service as the operation found it, with its secrets decrypted. */
export type CompletingService = {
  id: number;
  clientId: number;
  productType: ProductType;
  status: ServiceStatus;
  details: Record<string, string>;
  secrets: Record<string, string>;
  params: OrderParams;
  months: number;
  expiresAt: Date | null;
  tariffId: number;
  tariffName: string;
  clientEmail: string;
};

export type Completion = {
  operation: { id: number; kind: OperationKind; params: Record<string, unknown> };
  service: CompletingService;
  /** Module work is fenced by its lease; staff work by the operation still waiting for staff. */
  fence: { leaseToken: string } | { manual: true };
  by: "module" | "staff";
  /** The attempt that did it (module work); its handler slot is given back in the same statement. */
  attempt?: { handlerId: number; slot: number; log: string; startedAt: Date };
  remoteId?: string;
  details?: Record<string, string>;
  secrets?: Record<string, string>;
  expiresAt?: Date;
  actorUserId?: number | null;
  now: Date;
  /** A person's note: internal, kept in the history's staff note. */
  note?: string;
  /** What staff chose to tell the client in the service history, instead of the standard line. */
  clientMessage?: string;
};

/**
 * A service that holds a reason to be suspended (its client was suspended, or an admin suspended it,
 * while it was being set up) is suspended as soon as its set-up is done: the `suspend` is queued in
 * the completion's own statement.
 */
function suspendAfterOpen(op: Completion["operation"], serviceId: number, at: string): SQL {
  if (op.kind !== "open") return sql`select null::text as kind where false`;
  return sql`insert into operations (service_id, kind, params, run_at)
             select ${serviceId}, 'suspend', jsonb_build_object('reason', h.reason, 'scope', h.scope), ${at}::timestamptz
             from op, (select reason, scope from service_suspensions where service_id = ${serviceId} and lifted_at is null order by id limit 1) h
             on conflict do nothing returning kind`;
}

function newExpiry(c: Completion): Date | null {
  const { service, operation } = c;
  if (c.expiresAt) return c.expiresAt;
  if (operation.kind === "open") return addMonths(c.now, service.months);
  if (operation.kind === "prolong") {
    const months = Number(operation.params.months ?? service.months);
    return addMonths(service.expiresAt && service.expiresAt > c.now ? service.expiresAt : c.now, months);
  }
  return service.expiresAt;
}

/**
 * Finishes an operation in one statement, all or nothing: operation done (only while the fence
 * holds), the attempt, the service's status, details and secrets (encrypted), a history row, the
 * client's email and the webhook events. Returns null when the fence no longer holds, else the
 * attempt's number and id (module work).
 */
export async function completeOperation(conn: Conn, c: Completion): Promise<{ attempt: number; attemptId: number | null } | null> {
  const { operation: op, service } = c;
  const next = statusAfter(op.kind);
  const details = { ...service.details, ...(c.details ?? {}) };
  const secrets = { ...service.secrets, ...(c.secrets ?? {}) };
  const expiresAt = newExpiry(c);
  // Only what this kind of operation changes is written: others may be finishing on the same service.
  const tariffId = op.kind === "change_tariff" && typeof op.params.tariffId === "number" ? op.params.tariffId : null;
  const resources = tariffId !== null && op.params.resources && typeof op.params.resources === "object" ? JSON.stringify(op.params.resources) : null;
  const setsExpiry = Boolean(c.expiresAt) || op.kind === "open" || op.kind === "prolong";
  const newSecrets = c.secrets && Object.keys(c.secrets).length ? encryptJson(secrets) : null;
  const at = c.now.toISOString();
  const fence: SQL = "leaseToken" in c.fence ? sql`lease_token = ${c.fence.leaseToken} and status = 'running'` : sql`status = 'manual'`;
  const attempt = c.attempt
    ? sql`insert into operation_attempts (operation_id, number, handler_id, outcome, log, started_at, finished_at)
          select id, attempts, ${c.attempt.handlerId}, 'done', ${c.attempt.log}, ${c.attempt.startedAt.toISOString()}::timestamptz, ${at}::timestamptz from op
          returning id`
    : sql`select null::int as id`;
  const message = c.clientMessage?.trim() || doneMessage[op.kind];
  const staffNote = c.by === "staff" ? `Done by staff${c.note ? `: ${c.note}` : ""}` : (c.note ?? null);
  const changed = next !== null && next !== service.status;
  const event = emailEventFor[op.kind];
  let mail: SQL = sql`select 1`;
  if (event && (changed || op.kind === "prolong")) {
    const clientNote = typeof op.params.clientNote === "string" ? op.params.clientNote : undefined;
    const email = serviceEmail(event, { id: service.id, productType: service.productType, tariffName: service.tariffName, details, secrets, params: service.params, expiresAt }, { reason: clientNote, why: statusWhyFrom(op.kind, op.params) });
    // In the client's language: delivery renders body and subject in the stored locale.
    mail = sql`insert into email_outbox (dedupe_key, "to", subject, template, props, client_id, service_id, run_at, locale)
               select ${`${event}:op:${op.id}`}, ${service.clientEmail}, ${emailSubject(email.template, email.props as never)},
                      ${email.template}, ${encryptJson(email.props as Record<string, unknown>)}, ${service.clientId}, ${service.id}, ${at}::timestamptz,
                      (select locale from clients where id = ${service.clientId})
               from op on conflict (dedupe_key) do nothing`;
  }
  let hook: SQL = sql`select 1`;
  if (changed && (next === "active" || next === "suspended" || next === "closed")) {
    const name = webhookEventFor[next];
    const payload = JSON.stringify({ event: name, data: { serviceId: service.id, clientId: service.clientId, operationId: op.id, status: next }, createdAt: at });
    hook = sql`insert into webhook_outbox (endpoint_id, event, dedupe_key, payload)
               select e.id, ${name}, ${`${name}:op:${op.id}`}, ${payload}::jsonb from webhook_endpoints e, op
               where e.enabled and ${name} = any(e.events) on conflict do nothing`;
  }
  const [result] = await rows<{ attempts: number; attempt_id: number | null }>(
    conn,
    sql`with op as (
          update operations set status = 'done', done_by = ${c.by}, finished_at = ${at}::timestamptz, updated_at = ${at}::timestamptz,
            lease_token = null, lease_until = null, last_error = null,
            handler_id = coalesce(${c.attempt?.handlerId ?? null}::int, handler_id),
            attempts = case when ${c.attempt ? 1 : 0} = 1 and remote_task is null then attempts + 1 else attempts end
          where id = ${op.id} and ${fence}
          returning id, attempts),
        attempt as (${attempt}),
        old as (select s.id, s.status from services s, op where s.id = ${service.id} for update of s),
        follow as (${suspendAfterOpen(op, service.id, at)}),
        svc as (
          update services s set status = coalesce(${next}, s.status), details = s.details || ${JSON.stringify(c.details ?? {})}::jsonb,
            secrets = coalesce(${newSecrets}, s.secrets), remote_id = coalesce(${c.remoteId ?? null}, s.remote_id),
            expires_at = case when ${setsExpiry} then ${expiresAt?.toISOString() ?? null}::timestamptz else s.expires_at end,
            tariff_id = coalesce(${tariffId}::int, s.tariff_id), resources = coalesce(${resources}::jsonb, s.resources), updated_at = ${at}::timestamptz,
            pending = coalesce((select o.kind from operations o where o.service_id = s.id and o.id <> ${op.id} and o.kind <> 'sync'
                       and o.status in ('queued', 'running', 'waiting', 'manual') order by o.id limit 1), (select kind from follow limit 1))
          from old where s.id = old.id
          returning s.id),
        history as (
          insert into service_history (service_id, from_status, to_status, message, staff_note, actor_user_id)
          select old.id, old.status, coalesce(${next}, old.status), ${message}, ${staffNote}, ${c.actorUserId ?? null}::int from old),
        mail as (${mail}),
        hook as (${hook}),
        slot as (${c.attempt && "leaseToken" in c.fence ? giveBackSlot({ handlerId: c.attempt.handlerId, slot: c.attempt.slot, leaseToken: c.fence.leaseToken }) : sql`select 1`})
        select op.attempts, (select id from attempt limit 1) as attempt_id, (select count(pg_notify(${WORK_CHANNEL}, '')) from follow) as woke from op`,
  );
  return result ? { attempt: Number(result.attempts), attemptId: result.attempt_id === null ? null : Number(result.attempt_id) } : null;
}
