import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/** A CHECK constraint body: column IN ('a', 'b', ...). Values are our own constants, never input. */
export function oneOf(column: AnyPgColumn, values: readonly (string | number)[]): SQL {
  const list = values.map((v) => (typeof v === "number" ? String(v) : `'${v}'`)).join(", ");
  return sql`${column} in (${sql.raw(list)})`;
}
