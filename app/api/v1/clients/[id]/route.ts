import { clients } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { getClient } from "@/lib/services/clients/get";

export const GET = withApiKey(clients.getClient, ({ ctx, params }) => getClient({ ctx, input: { clientId: params.id } }));
