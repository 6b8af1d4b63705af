import { orders } from "@/lib/api/endpoints";
import { Reply } from "@/lib/api/endpoint";
import { withApiKey } from "@/lib/api/with-api-key";
import { createOrder } from "@/lib/services/orders/create";

export const POST = withApiKey(orders.createOrder, async ({ ctx, body }) => {
  const result = await createOrder({ ctx, input: body });
  return new Reply(result.created ? 201 : 200, result);
});
