import { bigint, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { creditNoteKinds } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { balanceEntries } from "./balance-entries";
import { clients } from "./clients";
import { invoices } from "./invoices";
import { services } from "./services";

/**
 * A credit note: a numbered document that takes back part or all of an issued invoice (a refund, a
 * void, a plan change's credit). Numbered once from its own gapless series and never changed.
 */
export const creditNotes = pgTable(
  "credit_notes",
  {
    id: id(),
    clientId: integer().notNull().references(() => clients.id, { onDelete: "restrict" }),
    invoiceId: integer().notNull().references(() => invoices.id, { onDelete: "restrict" }),
    /** The service whose share of the invoice it credits; null for a whole invoice voided. */
    serviceId: integer().references(() => services.id, { onDelete: "restrict" }),
    kind: text({ enum: creditNoteKinds }).notNull(),
    number: text().notNull(),
    issuedAt: at().notNull(),
    /** Positive, in minor units of the invoice's currency. */
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    /** The tax inside `amount`: the invoice's tax in the same proportion, rounded to the minor unit. */
    taxAmount: bigint({ mode: "number" }).notNull().default(0),
    reason: text().notNull().default(""),
    /** The ledger entry that moved the money (a refund, a credit); null when none moved (a void). */
    balanceEntryId: integer().references(() => balanceEntries.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    check("credit_notes_kind_check", oneOf(t.kind, creditNoteKinds)),
    check("credit_notes_amount_check", sql`${t.amount} > 0`),
    uniqueIndex("credit_notes_number_key").on(t.number),
    index("credit_notes_invoice_idx").on(t.invoiceId),
    index("credit_notes_client_idx").on(t.clientId, t.id),
  ],
);
