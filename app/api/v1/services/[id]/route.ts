import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { withDomainNames } from "@/lib/api/domain-names";
import { getService } from "@/lib/services/services/get";

export const GET = withApiKey(services.getService, async ({ ctx, params }) => withDomainNames(await getService({ ctx, input: { serviceId: params.id } })));
