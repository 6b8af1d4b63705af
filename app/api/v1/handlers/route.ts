import { catalog } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { listHandlers } from "@/lib/services/handlers/list";

export const GET = withApiKey(catalog.listHandlers, async ({ ctx, query }) => ({ items: await listHandlers({ ctx, input: query }) }));
