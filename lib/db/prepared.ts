import type postgres from "postgres";

type Sql = postgres.Sql;

/** Distinct statement texts a process prepares at most; further texts run unprepared. */
export const PREPARED_TEXTS_MAX = 256;

/**
 * Makes postgres.js prepare the statements drizzle sends. drizzle runs every statement unnamed,
 * so PostgreSQL parses and plans it each time: about 1 ms of planning for the claim, more than it
 * takes to run. A prepared statement is parsed once per connection and its plan is cached.
 *
 * drizzle asks for `prepare: false` on every statement; this answers for it. Only statements with parameters are prepared (a text without them is DDL, a migration or a
 * one-off), and only the first `max` distinct texts of the process: a text built with a varying
 * number of parameters (an IN list) would otherwise add a statement per length to every
 * connection. postgres.js drops its statements when a connection ends (`max_lifetime`).
 */
export function preparing(client: Sql, max = PREPARED_TEXTS_MAX, texts = new Set<string>()): Sql {
  const worth = (text: string, args: unknown): boolean => {
    if (!Array.isArray(args) || args.length === 0) return false;
    if (texts.has(text)) return true;
    if (texts.size >= max) return false;
    texts.add(text);
    return true;
  };
  /** Transactions and savepoints hand their callback a client of their own: wrap it too. */
  const scoped =
    (method: "begin" | "savepoint") =>
    (...args: unknown[]) => {
      const fn = args.pop() as (sql: Sql) => unknown;
      return ((client as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!)(...args, (sql: Sql) => fn(preparing(sql, max, texts)));
    };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe")
        return (text: string, args?: unknown, options?: Record<string, unknown>) =>
          Array.isArray(args)
            ? target.unsafe(text, args as postgres.ParameterOrJSON<never>[], { ...options, prepare: options?.prepare === true || worth(text, args) })
            : target.unsafe(text, args as never);
      if (prop === "begin" || prop === "savepoint") return scoped(prop);
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
