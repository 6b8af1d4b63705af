import { bigint, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { balanceEntryKinds } from "../../vocabulary";
import { createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { clients } from "./clients";
import { invoices } from "./invoices";
import { users } from "./users";

/** The balance ledger: every change of a client's balance, signed, in minor units. */
export const balanceEntries = pgTable(
  "balance_entries",
  {
    id: id(),
    clientId: integer().notNull().references(() => clients.id, { onDelete: "restrict" }),
    kind: text({ enum: balanceEntryKinds }).notNull(),
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    balanceAfter: bigint({ mode: "number" }).notNull(),
    invoiceId: integer().references(() => invoices.id, { onDelete: "restrict" }),
    /** External reference (payment id of a gateway, etc.): one entry per reference. */
    reference: text(),
    note: text(),
    actorUserId: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    check("balance_entries_kind_check", oneOf(t.kind, balanceEntryKinds)),
    check("balance_entries_amount_check", sql`${t.amount} <> 0`),
    uniqueIndex("balance_entries_reference_key").on(t.reference),
    index("balance_entries_client_idx").on(t.clientId, t.id),
  ],
);
