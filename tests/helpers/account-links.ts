import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { decryptJson } from "@/lib/crypto";
import type { AccountLinkProps } from "@/lib/email/templates";

/** The token of the newest account link (verify or reset) queued for an address, read from the outbox. */
export async function latestLinkToken(db: Db, to: string, purpose: AccountLinkProps["purpose"]): Promise<string | null> {
  const rows = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, to), eq(emailOutbox.template, "account-link")))
    .orderBy(desc(emailOutbox.id));
  for (const row of rows) {
    const props = decryptJson(row.props) as AccountLinkProps;
    if (props.purpose === purpose) return props.url.split("/").at(-1)!;
  }
  return null;
}
