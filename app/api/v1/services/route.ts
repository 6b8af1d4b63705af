import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { listServices } from "@/lib/services/services/list";

export const GET = withApiKey(services.listServices, ({ ctx, query }) => listServices({ ctx, input: query }));
