import type { z } from "zod";
import { errorTextIn } from "./error-language";
import { getDatabase } from "../db";
import { authenticateApiKey, type ApiKeyActor } from "../services/api-keys/authenticate";
import { parseInput, type Ctx } from "../services/context";
import { ValidationError } from "../errors";
import { parseJson, readBody } from "./body";
import { Reply, noBody, type EndpointSpec } from "./endpoint";
import { ApiError, toErrorResponse } from "./errors";
import { idempotent, type ApiAnswer } from "./idempotency";
import { queryInput } from "./query";
import { takeToken } from "./rate-limit";

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Checked<S> = S extends z.ZodType ? z.input<S> : undefined;
/** Body and query are the caller's own values, checked against the verb's schema; the verb parses them. */
export type ApiHandlerArgs<E extends EndpointSpec> = {
  ctx: Ctx;
  actor: ApiKeyActor;
  params: Parsed<E["params"]>;
  query: Checked<E["query"]>;
  body: Checked<E["body"]>;
  req: Request;
};
type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const unauthorized = () =>
  new ApiError(401, "unauthorized", "Send an API key: Authorization: Bearer pv_live_…", null, { "www-authenticate": 'Bearer realm="provisio"' });

function bearer(req: Request): string | null {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/**
 * The one way into the REST API: API key, rate limit, scope, path and query, body size, JSON and
 * the verb's schema, Idempotency-Key on POST, then the handler; every error becomes
 * { error: { code, message, details } } with its status.
 */
export function withApiKey<E extends EndpointSpec>(spec: E, handler: (args: ApiHandlerArgs<E>) => Promise<unknown>) {
  return async (req: Request, context: RouteContext): Promise<Response> => {
    const language = req.headers.get("accept-language");
    try {
      const { db } = await getDatabase();
      const actor = await authenticateApiKey(db, bearer(req));
      if (!actor) throw unauthorized();
      takeToken(actor.apiKeyId);
      if (spec.scope && !actor.scopes.includes(spec.scope) && !(actor.scopes.includes("admin") && actor.clientId === null)) {
        throw new ApiError(403, "forbidden", `This API key lacks the "${spec.scope}" scope`, { requiredScope: spec.scope });
      }
      const url = new URL(req.url);
      const params = spec.params ? parseParams(spec.params, await context.params) : undefined;
      const query = spec.query ? checked(spec.query, queryInput(spec.query, url.searchParams)) : undefined;
      const body = spec.method === "POST" ? checked(spec.body ?? noBody, parseJson(await readBody(req))) : undefined;
      const args = { ctx: { db, actor }, actor, params, query, body, req } as ApiHandlerArgs<E>;
      const run = () => answer(handler(args), spec.status ?? 200);
      const key = spec.method === "POST" ? req.headers.get("idempotency-key") : null;
      if (key === null) return toResponse(language, await run());
      const result = await idempotent(db, { apiKeyId: actor.apiKeyId, key, method: spec.method, path: url.pathname, body }, run);
      return toResponse(language, result, result.replayed ? { "idempotent-replayed": "true" } : {});
    } catch (error) {
      const response = toErrorResponse(error);
      if (!language) return response;
      return toResponse(language, { status: response.status, text: await response.text() }, Object.fromEntries(response.headers));
    }
  };
}

function checked(schema: z.ZodType, value: unknown): unknown {
  parseInput(schema, value);
  return value;
}

/** A path that cannot name anything (/services/abc) is a 404, like one that names nothing. */
function parseParams<S extends z.ZodObject>(schema: S, raw: Record<string, unknown>): z.output<S> {
  try {
    return parseInput(schema, raw);
  } catch (error) {
    if (error instanceof ValidationError) throw new ApiError(404, "not_found", "Not found", error.details);
    throw error;
  }
}

async function answer(work: Promise<unknown>, status: number): Promise<ApiAnswer> {
  try {
    const result = await work;
    if (result instanceof Reply) return { status: result.status, text: JSON.stringify(result.body ?? null) };
    return { status, text: JSON.stringify(result ?? null) };
  } catch (error) {
    const response = toErrorResponse(error);
    return { status: response.status, text: await response.text() };
  }
}

/** The answer as sent; an error's words in the caller's Accept-Language (stored idempotent answers stay in English). */
function toResponse(language: string | null, answer: ApiAnswer, headers: Record<string, string> = {}): Response {
  return new Response(errorTextIn(language, answer.status, answer.text), {
    status: answer.status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}
