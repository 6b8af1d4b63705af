import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { requestClose } from "@/lib/services/services/request-close";

export const POST = withApiKey(services.closeService, ({ ctx, params, body }) => requestClose({ ctx, input: { serviceId: params.id, when: body.when } }));
