import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { changePlan } from "@/lib/services/services/change-plan";

export const POST = withApiKey(services.changeServicePlan, ({ ctx, params, body }) => changePlan({ ctx, input: { serviceId: params.id, tariffId: body.tariffId } }));
