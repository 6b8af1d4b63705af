import { encryptJson } from "@/lib/crypto";
import type { Conn } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema/email-outbox";
import { emailSubject, type TemplateEmail } from "./templates";

export type EnqueueEmailInput = TemplateEmail & {
  /** The same key never queues a second email, e.g. "welcome:op:12". */
  dedupeKey: string;
  to: string;
  clientId?: number | null;
  serviceId?: number | null;
  runAt?: Date;
};

/**
 * Puts an email in the outbox, props encrypted. Works inside the caller's transaction, so the email
 * exists exactly when the change it tells about commits. Returns null when the dedupe key was taken.
 */
export async function enqueueEmail(conn: Conn, input: EnqueueEmailInput): Promise<{ id: number } | null> {
  const [row] = await conn
    .insert(emailOutbox)
    .values({
      dedupeKey: input.dedupeKey,
      to: input.to,
      subject: subjectOf(input),
      template: input.template,
      props: encryptJson(input.props),
      clientId: input.clientId ?? null,
      serviceId: input.serviceId ?? null,
      // this clock, not the database's: see lib/webhooks/enqueue.ts
      runAt: input.runAt ?? new Date(),
    })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning({ id: emailOutbox.id });
  return row ?? null;
}

function subjectOf(email: TemplateEmail): string {
  return emailSubject(email.template, email.props as never);
}
