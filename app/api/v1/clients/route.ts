import { clients } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { createClient } from "@/lib/services/clients/create";

export const POST = withApiKey(clients.createClient, ({ ctx, body }) => createClient({ ctx, input: body }));
