import { createOrderInput } from "../../services/orders/create";
import { defineEndpoint, idParams, noBody } from "../endpoint";

export const createOrder = defineEndpoint({
  id: "createOrder", method: "POST", path: "/orders", tag: "Orders", scope: "orders:write",
  summary: "Create an unpaid order and its invoice",
  description: "A client-bound key orders for its client; other keys name `clientId`. 422 for a suspended client (`client_suspended`) or a tariff not on sale (`not_on_sale`: no enabled processing module). `coupon` takes a coupon code (any case): its discount is a line of the invoice before tax; a coupon refused is a 422 validation error on the field `coupon` with the reason (unknown, expired, used up, already used by the client, not for these plans or periods, another currency).",
  body: createOrderInput, status: 201,
  response: "`{ order, created, items }`; 201 when made, 200 when `idempotencyKey` found an earlier order. Each item has its tariff, period and price, and its domain as `domain` (punycode, as registries know it) and `domainUnicode` (as people write it; both null without a domain); never a transfer's auth code",
});

export const payOrder = defineEndpoint({
  id: "payOrder", method: "POST", path: "/orders/{id}/pay", tag: "Orders", scope: "orders:write",
  summary: "Pay an order from the client's balance",
  description: "Opens one service per item and queues its setup. Paying a paid order charges nothing. 422 on insufficient funds or a suspended client.",
  params: idParams, body: noBody,
  response: "`{ order, services, charged }`; each service (never its secrets) with its domain as `domain` (punycode) and `domainUnicode` (as people write it)",
});
