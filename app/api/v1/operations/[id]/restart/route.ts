import { operations } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { restartOperation } from "@/lib/services/operations/restart";

export const POST = withApiKey(operations.restartOperation, async ({ ctx, params }) => {
  const { leaseToken: _lease, ...operation } = await restartOperation({ ctx, input: { operationId: params.id } });
  return operation;
});
