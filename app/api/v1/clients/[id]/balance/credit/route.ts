import { clients } from "@/lib/api/endpoints";
import { withApiKey } from "@/lib/api/with-api-key";
import { creditBalance } from "@/lib/services/balance/credit";

export const POST = withApiKey(clients.creditBalance, ({ ctx, params, body }) =>
  creditBalance({ ctx, input: { ...body, clientId: params.id } }),
);
