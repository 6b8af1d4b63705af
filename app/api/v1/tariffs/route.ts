import { catalog } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { listPublishedTariffs } from "@/lib/services/tariffs/list-published";

export const GET = withApiKey(catalog.listTariffs, async ({ ctx }) => ({ items: await listPublishedTariffs({ ctx }) }));
