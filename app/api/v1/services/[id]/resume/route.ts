import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { requestServiceOperation } from "@/lib/services/services/request-operation";

export const POST = withApiKey(services.resumeService, async ({ ctx, params }) => {
  const { id, created } = await requestServiceOperation({ ctx, input: { serviceId: params.id, kind: "resume" } });
  return { operationId: id, created };
});
