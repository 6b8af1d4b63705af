import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { renewService } from "@/lib/services/services/renew";

export const POST = withApiKey(services.renewService, ({ ctx, params, body }) => renewService({ ctx, input: { serviceId: params.id, months: body.months } }));
