import type { Db } from "../db";
import { completeOperation, type Completion } from "./complete";

type Result = Awaited<ReturnType<typeof completeOperation>>;
type Waiting = { completion: Completion; resolve(result: Result): void; reject(error: unknown): void };

/** Transactions writing completions at once; the rest gather behind them. */
const WRITERS = 2;

/**
 * Group commit for completions. A completion finishing while others are being written waits for a
 * writer and goes with every other one that gathered meanwhile, in one transaction: their
 * statements are pipelined on one connection and share one commit (one WAL flush). A lone
 * completion is written at once, as its own statement, so nothing waits when the engine is quiet.
 * Each completion keeps its own fence and result. If the shared transaction fails, nothing of it
 * was committed and each completion is written again on its own, so one bad completion never
 * takes the others with it.
 */
export function completeTogether(db: Db, writers = WRITERS): (completion: Completion) => Promise<Result> {
  let queue: Waiting[] = [];
  let writing = 0;

  async function write(batch: Waiting[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const results = await db.transaction((tx) => Promise.all(batch.map((w) => completeOperation(tx, w.completion))));
        batch.forEach((w, i) => w.resolve(results[i]!));
        return;
      } catch {
        // Rolled back: each goes again alone below and meets its own error, if it has one.
      }
    }
    await Promise.all(batch.map((w) => completeOperation(db, w.completion).then(w.resolve, w.reject)));
  }

  function next(): void {
    if (writing >= writers || queue.length === 0) return;
    const batch = queue;
    queue = [];
    writing++;
    void write(batch).finally(() => {
      writing--;
      next();
    });
  }

  return (completion) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ completion, resolve, reject });
      next();
    });
}
