import { operations } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { listOperations } from "@/lib/services/operations/list";

export const GET = withApiKey(operations.listOperations, ({ ctx, query }) => listOperations({ ctx, input: query }));
