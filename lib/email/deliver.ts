import { and, count, desc, eq, inArray, like, lt, lte, or, sql } from "drizzle-orm";
import { Resend } from "resend";
import { systemClock, type Clock } from "@/lib/clock";
import { decryptJson } from "@/lib/crypto";
import type { Conn, Db } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema/email-outbox";
import type { EmailTransportName } from "@/lib/vocabulary";
import { notFound } from "@/lib/errors";
import { installationId, outgoingEmailOff } from "@/lib/installation";
import { printDemoLink } from "./demo-links";
import { EmailKeyRefused } from "./key-refused";
import { logEmail } from "./log-delivery";
import type { RenderedEmail } from "./render";
import { renderWithText } from "./texts/render-with-text";
import { attachmentNames, attachmentRefs, emailFiles, type EmailFile } from "./attachments";
import { isTemplateName, type TemplateName } from "./templates";

export const DEFAULT_EMAIL_FROM = "Provisio <billing@provisio.test>";
export const MAX_EMAIL_ATTEMPTS = 8;
const LEASE_MS = 60_000;
const SEND_TIMEOUT_MS = 15_000;
/** Resend's names for a key it does not accept (answered with 401 or 403). */
const KEY_ERRORS = new Set<string>(["missing_api_key", "invalid_api_key", "restricted_api_key"]);
const BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];

/** idempotencyKey: "<installation id>:email:<outbox id>", unique across installations sharing a Resend account. */
export type OutgoingEmail = { id: number; to: string; subject: string; html: string; text: string; idempotencyKey: string; attachments?: EmailFile[] };
export type EmailTransport = {
  name: EmailTransportName;
  send(email: OutgoingEmail): Promise<{ providerId: string | null }>;
};

/** Nothing leaves the machine: the sent row is the local mailbox (admin Mail log, tests). */
export const localTransport: EmailTransport = { name: "local", send: async () => ({ providerId: null }) };

/** Resend reads RESEND_BASE_URL (default https://api.resend.com) when it is constructed. */
export function resendTransport(apiKey: string, from = DEFAULT_EMAIL_FROM): EmailTransport {
  const resend = new Resend(apiKey);
  return {
    name: "resend",
    async send(email) {
      const { data, error } = await resend.emails.send(
        {
          from, to: email.to, subject: email.subject, html: email.html, text: email.text,
          // Resend takes each file as { filename, content } with the content in base64.
          ...(email.attachments?.length ? { attachments: email.attachments.map((a) => ({ filename: a.filename, content: a.content.toString("base64") })) } : {}),
        },
        { idempotencyKey: email.idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
      );
      if (error && (error.statusCode === 401 || error.statusCode === 403 || KEY_ERRORS.has(error.name))) throw new EmailKeyRefused(`${error.statusCode} ${error.name}: ${error.message}`);
      if (error) throw new Error(`Resend ${error.statusCode ?? "-"} ${error.name}: ${error.message}`);
      return { providerId: data.id };
    },
  };
}

export function emailTransport(env: NodeJS.ProcessEnv = process.env): EmailTransport {
  return env.RESEND_API_KEY ? resendTransport(env.RESEND_API_KEY, env.EMAIL_FROM || DEFAULT_EMAIL_FROM) : localTransport;
}

export type DeliverOptions = { limit?: number; clock?: Clock; transport?: EmailTransport; leaseMs?: number };
export type DeliverResult = { sent: number; failed: number; retried: number };

/** Claims due emails under a lease, sends each once, and retries failures with backoff. */
export async function deliverEmails(db: Db, options: DeliverOptions = {}): Promise<DeliverResult> {
  const { limit = 20, clock = systemClock, leaseMs = LEASE_MS } = options;
  const result: DeliverResult = { sent: 0, failed: 0, retried: 0 };
  const claimed = await claim(db, clock.now(), limit, leaseMs);
  const installation = claimed.length ? await installationId(db) : "";
  // A staging copy keeps its emails: they go to the local mailbox, never to Resend.
  const transport = claimed.length && (await outgoingEmailOff(db)) ? localTransport : (options.transport ?? emailTransport());
  for (const row of claimed) {
    const mine = and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, "sending"), eq(emailOutbox.attempts, row.attempts));
    try {
      // The subject again in the row's language (a row queued in bulk SQL stored it in the default one).
      const { html, text, subject } = await renderRow(db, row.template, row.props, row.locale);
      // Renew the lease right before sending: a row whose lease ran out may belong to another worker now.
      const renewed = await db
        .update(emailOutbox)
        .set({ leaseUntil: new Date(clock.now().getTime() + leaseMs) })
        .where(mine)
        .returning({ id: emailOutbox.id });
      if (renewed.length === 0) continue;
      // The local mailbox keeps no files (it names them, and the client area makes each PDF when asked): none are made for it.
      const attachments = transport === localTransport ? [] : await emailFiles(db, attachmentRefs(row.template, decryptJson(row.props)), row.locale);
      const { providerId } = await transport.send({ id: row.id, to: row.to, subject, html, text, idempotencyKey: `${installation}:email:${row.id}`, attachments });
      await db
        .update(emailOutbox)
        .set({ status: "sent", subject, sentAt: clock.now(), transport: transport.name, providerId, leaseUntil: null, lastError: null })
        .where(mine);
      result.sent++;
      logEmail(row, { sent: true, transport: transport.name, providerId });
      if (transport.name === "local") printDemoLink(row);
    } catch (error) {
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const failed = row.attempts >= MAX_EMAIL_ATTEMPTS || error instanceof EmailKeyRefused;
      const delay = BACKOFF_MS[Math.min(row.attempts, BACKOFF_MS.length) - 1];
      await db
        .update(emailOutbox)
        .set(
          failed
            ? { status: "failed", leaseUntil: null, lastError }
            : { status: "queued", leaseUntil: null, lastError, runAt: new Date(clock.now().getTime() + delay) },
        )
        .where(mine);
      if (failed) result.failed++;
      else result.retried++;
      logEmail(row, { sent: false, error: lastError, retryAt: failed ? null : new Date(clock.now().getTime() + delay!) });
    }
  }
  return result;
}

function claim(db: Db, now: Date, limit: number, leaseMs: number) {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      or(
        and(eq(emailOutbox.status, "queued"), lte(emailOutbox.runAt, now)),
        and(eq(emailOutbox.status, "sending"), lt(emailOutbox.leaseUntil, now)),
      ),
    )
    .orderBy(emailOutbox.runAt, emailOutbox.id)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(emailOutbox)
    .set({
      status: "sending",
      leaseUntil: new Date(now.getTime() + leaseMs),
      attempts: sql`${emailOutbox.attempts} + 1`,
    })
    .where(inArray(emailOutbox.id, due))
    .returning({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      props: emailOutbox.props,
      locale: emailOutbox.locale,
      attempts: emailOutbox.attempts,
      serviceId: emailOutbox.serviceId,
    });
}

/** The provider's own texts (admin, Email texts) replace the built-in subject and body where set. */
function renderRow(conn: Conn, template: string, props: string, locale?: string | null): Promise<RenderedEmail> {
  if (!isTemplateName(template)) throw new Error(`unknown email template: ${template}`);
  return renderWithText(conn, template, decryptJson(props) as never, locale);
}

type OutboxRow = typeof emailOutbox.$inferSelect;
export type MailboxEmail = Omit<OutboxRow, "props"> & RenderedEmail & { template: TemplateName; props: Record<string, unknown>; attachments: string[] };

export type MailboxFilter = {
  to?: string;
  /** Only rows queued for this client (client_id set when the email was queued). */
  clientId?: number;
  status?: OutboxRow["status"][];
  /** Only these templates (a client's in-app mailbox names the ones it may show). */
  templates?: readonly TemplateName[];
  limit?: number;
};

/** The outbox as a mailbox, newest first: decrypted props and the rendered email, for the admin Mail log and tests. */
export async function readMailbox(conn: Conn, { to, clientId, status, templates, limit = 50 }: MailboxFilter = {}): Promise<MailboxEmail[]> {
  const list = await conn
    .select()
    .from(emailOutbox)
    .where(
      and(
        to ? sql`lower(${emailOutbox.to}) = ${to.toLowerCase()}` : undefined,
        clientId !== undefined ? eq(emailOutbox.clientId, clientId) : undefined,
        status ? inArray(emailOutbox.status, status) : undefined,
        templates ? inArray(emailOutbox.template, [...templates]) : undefined,
      ),
    )
    .orderBy(desc(emailOutbox.id))
    .limit(limit);
  return Promise.all(
    list.map(async (row) => {
      const props = decryptJson<Record<string, unknown>>(row.props);
      const rendered = await renderRow(conn, row.template, row.props, row.locale);
      const attachments = await attachmentNames(conn, attachmentRefs(row.template, props));
      return { ...row, ...rendered, template: row.template as TemplateName, props, attachments };
    }),
  );
}

/** Queues a copy of an email under a new dedupe key ("<key>:resend:<n>"); returns the new row's id. */
export async function resendEmail(conn: Conn, id: number): Promise<{ id: number }> {
  const [row] = await conn.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  if (!row) throw notFound("Email not found");
  const base = row.dedupeKey.replace(/:resend:\d+$/, "");
  const [{ copies }] = await conn
    .select({ copies: count() })
    .from(emailOutbox)
    .where(like(emailOutbox.dedupeKey, `${base.replace(/[\\%_]/g, "\\$&")}:resend:%`));
  for (let n = copies + 1; n <= copies + 10; n++) {
    const [copy] = await conn
      .insert(emailOutbox)
      .values({
        dedupeKey: `${base}:resend:${n}`,
        to: row.to,
        subject: row.subject,
        template: row.template,
        props: row.props,
        locale: row.locale,
        clientId: row.clientId,
        serviceId: row.serviceId,
      })
      .onConflictDoNothing({ target: emailOutbox.dedupeKey })
      .returning({ id: emailOutbox.id });
    if (copy) return copy;
  }
  throw new Error("could not pick a dedupe key for the copy");
}
