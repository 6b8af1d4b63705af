import { connectionErrorCode } from "./connection-error";

/**
 * Keeps a process alive when PostgreSQL closes a connection under a statement whose promise nobody
 * holds any more. postgres.js can reject such a promise when a backend is terminated while a worker
 * boots (`pg_terminate_backend`, a failover, a pooler restart): Node would end the whole process for it,
 * though every statement someone waits for fails on its own and is retried. A rejection that is not a
 * lost connection still ends the process, as Node's default does.
 */
export function surviveConnectionLoss(log: (message: string) => void = (m) => console.error(m)): void {
  process.on("unhandledRejection", (reason) => {
    const code = connectionErrorCode(reason);
    if (!code) throw reason;
    log(`a database connection closed under a statement nobody waited for (${code}): ${reason instanceof Error ? reason.message : String(reason)}`);
  });
}
