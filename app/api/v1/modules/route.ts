import { catalog } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { listModules } from "@/lib/services/api/modules";

export const GET = withApiKey(catalog.listModules, async ({ ctx }) => ({ items: await listModules({ ctx }) }));
