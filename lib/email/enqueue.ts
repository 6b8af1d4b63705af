import { encryptJson } from "@/lib/crypto";
import type { Conn } from "@/lib/db";
import { sql } from "drizzle-orm";
import { emailOutbox } from "@/lib/db/schema/email-outbox";
import { rows } from "@/lib/db/rows";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { localizedSubject } from "./subject";
import type { TemplateEmail } from "./templates";

export type EnqueueEmailInput = TemplateEmail & {
  /** The same key never queues a second email, e.g. "welcome:op:12". */
  dedupeKey: string;
  to: string;
  clientId?: number | null;
  serviceId?: number | null;
  runAt?: Date;
  /** The recipient's language; by default the client's (clientId), else that of the user with this email. */
  locale?: Locale | null;
};

/**
 * Puts an email in the outbox, props encrypted. Works inside the caller's transaction, so the email
 * exists exactly when the change it tells about commits. Returns null when the dedupe key was taken.
 */
export async function enqueueEmail(conn: Conn, input: EnqueueEmailInput): Promise<{ id: number } | null> {
  const locale = input.locale ?? (await recipientLocale(conn, input));
  const [row] = await conn
    .insert(emailOutbox)
    .values(outboxRow(input, locale))
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning({ id: emailOutbox.id });
  return row ?? null;
}

/**
 * Puts many emails in the outbox in one statement, each in the language it names (none: the
 * default). Returns the dedupe keys queued; a key already taken queues nothing.
 */
export async function enqueueEmails(conn: Conn, inputs: EnqueueEmailInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const queued = await conn
    .insert(emailOutbox)
    .values(inputs.map((input) => outboxRow(input, input.locale ?? null)))
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning({ key: emailOutbox.dedupeKey });
  return queued.map((q) => q.key);
}

function outboxRow(input: EnqueueEmailInput, locale: Locale | null): typeof emailOutbox.$inferInsert {
  return {
    dedupeKey: input.dedupeKey,
    to: input.to,
    subject: subjectOf(input, locale),
    locale,
    template: input.template,
    props: encryptJson(input.props),
    clientId: input.clientId ?? null,
    serviceId: input.serviceId ?? null,
    // this clock, not the database's: see lib/webhooks/enqueue.ts
    runAt: input.runAt ?? new Date(),
  };
}

function subjectOf(email: TemplateEmail, locale: Locale | null): string {
  return localizedSubject(email.template, email.props as never, locale);
}

/** The stored language of the email's client, else of the user it is addressed to; null when neither chose. */
async function recipientLocale(conn: Conn, input: EnqueueEmailInput): Promise<Locale | null> {
  const [found] = await rows<{ locale: string | null }>(
    conn,
    input.clientId != null
      ? sql`select locale from clients where id = ${input.clientId}`
      : sql`select coalesce(c.locale, u.locale) as locale from users u left join clients c on c.id = u.client_id
            where lower(u.email) = lower(${input.to}) limit 1`,
  );
  return isLocale(found?.locale) ? found.locale : null;
}
