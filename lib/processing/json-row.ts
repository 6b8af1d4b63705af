import { getTableColumns, type Table } from "drizzle-orm";

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Field = { key: string; name: string; read: ((value: unknown) => unknown) | null };

/** Each table's columns as fromJsonRow reads them, worked out once per table. */
const plans = new WeakMap<Table, Field[]>();

function planFor(table: Table): Field[] {
  let plan = plans.get(table);
  if (!plan) {
    plan = Object.entries(getTableColumns(table)).map(([key, column]) => ({
      key,
      name: snake(key),
      read: column.columnType === "PgJsonb" || column.columnType === "PgJson" ? null : (value: unknown) => column.mapFromDriverValue(value),
    }));
    plans.set(table, plan);
  }
  return plan;
}

/**
 * A row that PostgreSQL returned as `to_jsonb(t)` (snake_case keys, timestamps as text), read back
 * into the shape drizzle gives for the table, so one statement can return rows of several tables.
 */
export function fromJsonRow<T extends Table>(table: T, json: Record<string, unknown>): T["$inferSelect"] {
  const out: Record<string, unknown> = {};
  for (const { key, name, read } of planFor(table)) {
    const value = json[name];
    out[key] = value === null || value === undefined ? null : read ? read(value) : value;
  }
  return out as T["$inferSelect"];
}
