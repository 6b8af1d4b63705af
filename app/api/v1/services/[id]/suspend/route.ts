import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { requestServiceOperation } from "@/lib/services/services/request-operation";

export const POST = withApiKey(services.suspendService, async ({ ctx, params }) => {
  const { id, created } = await requestServiceOperation({ ctx, input: { serviceId: params.id, kind: "suspend" } });
  return { operationId: id, created };
});
