import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { quoteAddons } from "@/lib/services/services/quote-addons";

export const GET = withApiKey(services.quoteAddonChange, ({ ctx, params, query }) => quoteAddons({ ctx, input: { serviceId: params.id, addons: query } }));
