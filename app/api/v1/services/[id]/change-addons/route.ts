import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { changeAddons } from "@/lib/services/services/change-addons";

export const POST = withApiKey(services.changeServiceAddons, ({ ctx, params, body }) => changeAddons({ ctx, input: { serviceId: params.id, addons: body.addons } }));
