import type { Database } from "@/lib/db";

const key = Symbol.for("provisio.database");
type Holder = { [key]?: Promise<Database> };

/** Makes getDatabase() — and so every route handler — use this test database. */
export function useAppDatabase(database: Database): void {
  (globalThis as Holder)[key] = Promise.resolve(database);
}

export function releaseAppDatabase(): void {
  delete (globalThis as Holder)[key];
}
