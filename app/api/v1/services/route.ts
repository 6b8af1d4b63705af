import { services } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { withDomainNames } from "@/lib/api/domain-names";
import { listServices } from "@/lib/services/services/list";

export const GET = withApiKey(services.listServices, async ({ ctx, query }) => {
  const page = await listServices({ ctx, input: query });
  return { ...page, items: page.items.map(withDomainNames) };
});
