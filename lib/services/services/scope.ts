import { idFilter, limitFilter } from "../page";
import { AppError, forbidden } from "../../errors";
import { actsForAnyClient, requireClientAccess, type Actor } from "../context";

/** Keyset paging shared by the list verbs: newest first, `cursor` is the last id already seen. */
export const pageInput = {
  cursor: idFilter().optional(),
  limit: limitFilter(100, 20),
};

/**
 * The client a list is limited to: a client (or a client-bound API key) sees only its own; staff
 * and admins see the client they name, or everyone when they name none.
 */
export function listScope(actor: Actor, clientId?: number): number | undefined {
  if (actor.type === "anonymous") throw new AppError("unauthorized", "Sign in first");
  if (actsForAnyClient(actor)) return clientId;
  const own = actor.type === "user" || actor.type === "api_key" ? actor.clientId : null;
  if (own === null) throw forbidden("Only clients have this list");
  if (clientId !== undefined) requireClientAccess(actor, clientId);
  return own;
}
