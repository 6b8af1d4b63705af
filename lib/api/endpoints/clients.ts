import { creditBalanceInput } from "../../services/balance/credit";
import { createClientInput } from "../../services/clients/create";
import { defineEndpoint, idParams } from "../endpoint";

export const createClient = defineEndpoint({
  id: "createClient", method: "POST", path: "/clients", tag: "Clients", scope: "admin",
  summary: "Add a client, optionally with a sign-in",
  body: createClientInput, status: 201,
  response: "`{ client, userId }`",
});

export const getClient = defineEndpoint({
  id: "getClient", method: "GET", path: "/clients/{id}", tag: "Clients", scope: "read",
  summary: "One client with its balance",
  description: "A client-bound key reads its own client only (404 for others).",
  params: idParams,
  response: "The client",
});

export const creditBalance = defineEndpoint({
  id: "creditBalance", method: "POST", path: "/clients/{id}/balance/credit", tag: "Clients", scope: "admin",
  summary: "Top up a client's balance",
  description: "`amount` in minor units of the client's currency.",
  params: idParams, body: creditBalanceInput.omit({ clientId: true }), status: 201,
  response: "The ledger entry",
});
