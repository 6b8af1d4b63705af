import { listHandlersInput } from "../../services/handlers/list";
import { defineEndpoint } from "../endpoint";

export const ping = defineEndpoint({
  id: "ping", method: "GET", path: "/ping", tag: "Meta", scope: null,
  summary: "Check that the API answers", description: "Does nothing and needs no key.",
  response: "`{ ok: true }`",
});

export const openApi = defineEndpoint({
  id: "getOpenApi", method: "GET", path: "/openapi.json", tag: "Meta", scope: null,
  summary: "This OpenAPI 3.1 document", response: "The OpenAPI document",
});

export const listTariffs = defineEndpoint({
  id: "listTariffs", method: "GET", path: "/tariffs", tag: "Catalog", scope: "read",
  summary: "The catalog: tariffs on sale with their prices",
  description: "A client's key gets the tariffs priced in the client's currency, at those prices; a tariff with no price in it is left out (and `POST /orders` refuses it, 422 `not_priced_in_currency`). `currencies` lists every currency a tariff is priced in.",
  response: "`{ items }`: tariffs with `currency` and `prices` per period in its minor units",
});

export const listHandlers = defineEndpoint({
  id: "listHandlers", method: "GET", path: "/handlers", tag: "Catalog", scope: "read",
  summary: "Handlers (processing modules) with their health and load",
  description: "Admin keys only. Never their connection or credentials.",
  query: listHandlersInput,
  response: "`{ items }`",
});

export const listModules = defineEndpoint({
  id: "listModules", method: "GET", path: "/modules", tag: "Catalog", scope: "read",
  summary: "Processing modules of this build and their fields",
  response: "`{ items }`: kind, title, product types, connection and service field specs",
});
