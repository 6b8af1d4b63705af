import { schemaTask } from "@trigger.dev/sdk";
import { z } from "zod";
import { getDatabase } from "../lib/db";
import { sweepOperations } from "../lib/processing/sweep";
import type { Db } from "../lib/db";

export const provisionOperationPayload = z.object({ operationId: z.number().int().positive() });

/** Runs one operation if it is due (a retry that is not yet due is left to the sweep). */
export async function provisionOperation(db: Db, payload: z.infer<typeof provisionOperationPayload>) {
  return { ran: await sweepOperations(db, { onlyId: payload.operationId, maxRounds: 1 }) };
}

export const provisionOperationTask = schemaTask({
  id: "provision-operation",
  schema: provisionOperationPayload,
  queue: { concurrencyLimit: 64 },
  retry: { maxAttempts: 1 },
  run: async (payload) => provisionOperation((await getDatabase()).db, payload),
});
