import { getTableColumns, type Table } from "drizzle-orm";

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A row that PostgreSQL returned as `to_jsonb(t)` (snake_case keys, timestamps as text), read back
 * into the shape drizzle gives for the table, so one statement can return rows of several tables.
 */
export function fromJsonRow<T extends Table>(table: T, json: Record<string, unknown>): T["$inferSelect"] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[snake(key)];
    if (value === null || value === undefined) out[key] = null;
    else if (column.columnType === "PgJsonb" || column.columnType === "PgJson") out[key] = value;
    else out[key] = column.mapFromDriverValue(value);
  }
  return out as T["$inferSelect"];
}
