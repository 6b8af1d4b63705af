import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { getService } from "@/lib/services/services/get";

export const GET = withApiKey(services.getService, ({ ctx, params }) => getService({ ctx, input: { serviceId: params.id } }));
