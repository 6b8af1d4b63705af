import { schemaTask } from "@trigger.dev/sdk";
import { z } from "zod";
import type { Db } from "../lib/db";
import { sweepOperations } from "../lib/processing/sweep";
import { taskDatabase } from "../lib/jobs/task-database";

export const provisionOperationPayload = z.object({ operationId: z.number().int().positive() });

/** Runs one operation if it is due (a retry that is not yet due is left to the sweep). */
export const provisionOperation = async (db: Db, payload: z.infer<typeof provisionOperationPayload>) => ({
  ran: await sweepOperations(db, { onlyId: payload.operationId, maxRounds: 1 }),
});

export const provisionOperationTask = schemaTask({
  id: "provision-operation",
  schema: provisionOperationPayload,
  queue: { concurrencyLimit: 64 },
  retry: { maxAttempts: 1 },
  run: async (payload) => provisionOperation(await taskDatabase(), payload),
});
