import { operations } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { getOperation } from "@/lib/services/operations/get";

export const GET = withApiKey(operations.getOperation, ({ ctx, params }) => getOperation({ ctx, input: { operationId: params.id } }));
