import { describeError, logger } from "../log";

/**
 * After a commit that queued operations: with Trigger.dev (TRIGGER_SECRET_KEY set) each operation
 * is handed to the `provision-operation` task, with the operation id as idempotency key. Otherwise
 * nothing to do: the NOTIFY sent in the transaction already woke the runners.
 */
export async function dispatchOperations(operationIds: number[]): Promise<void> {
  if (!process.env.TRIGGER_SECRET_KEY || operationIds.length === 0) return;
  const { tasks } = await import("@trigger.dev/sdk");
  await Promise.all(
    operationIds.map((operationId) =>
      tasks
        .trigger("provision-operation", { operationId }, { idempotencyKey: `operation-${operationId}` })
        .catch((error: unknown) => {
          // The sweep task picks the operation up within a minute; the operations table stays the truth.
          logger().warn({ operation: operationId, error: describeError(error).message }, "trigger of provision-operation failed; the sweep task takes the operation");
        }),
    ),
  );
}
