import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { quoteChange } from "@/lib/services/services/quote-change";

export const GET = withApiKey(services.quotePlanChange, ({ ctx, params, query }) => quoteChange({ ctx, input: { serviceId: params.id, tariffId: query.tariffId } }));
