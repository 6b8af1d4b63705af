import { z } from "zod";
import { AppError } from "../errors";
import { idFilter } from "./page";

/** At most this many items are acted on in one go. */
export const BULK_MAX = 100;

/** The ids ticked in a list: at least one, each an id, without repeats. */
export const bulkIds = () =>
  z
    .array(idFilter())
    .min(1, "Tick at least one item")
    .max(BULK_MAX, `Tick at most ${BULK_MAX} items at a time`)
    .transform((ids) => [...new Set(ids)]);

export type BulkOutcome = { done: number[]; refused: { id: number; why: string }[] };

/**
 * Runs one verb per id, each in its own transaction with its own audit row; an item the verb refuses
 * is listed with the verb's own message, the others go ahead.
 */
export async function eachItem(ids: number[], run: (id: number) => Promise<unknown>): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { done: [], refused: [] };
  for (const id of ids) {
    try {
      await run(id);
      outcome.done.push(id);
    } catch (error) {
      if (!(error instanceof AppError) || error.code === "unauthorized") throw error;
      outcome.refused.push({ id, why: error.message });
    }
  }
  return outcome;
}
