import { z } from "zod";
import { noBody, type EndpointSpec } from "./endpoint";
import { endpoints } from "./endpoints";
import { objectShape } from "./query";

type JsonSchema = Record<string, unknown>;

/** A zod schema as a JSON Schema (draft 2020-12, which OpenAPI 3.1 uses), as callers write it. */
export function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
  return rest;
}

const errors = {
  "400": ["BadRequest", "The request is malformed or a field is not valid"],
  "401": ["Unauthorized", "No API key, or an unknown or revoked one"],
  "403": ["Forbidden", "The key lacks the scope, or its role may not do this"],
  "404": ["NotFound", "Nothing with this id that the key may see"],
  "409": ["Conflict", "The state does not allow it, or the Idempotency-Key was used with another request"],
  "413": ["PayloadTooLarge", "The body is larger than 64 KiB"],
  "422": ["Unprocessable", "Understood but cannot be done (e.g. insufficient funds)"],
  "429": ["TooManyRequests", "Rate limit of the key reached; see Retry-After"],
} as const;

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "details"],
      properties: { code: { type: "string" }, message: { type: "string" }, details: { description: "Field errors or other specifics, or null" } },
    },
  },
};

const pascal = (id: string) => id[0]!.toUpperCase() + id.slice(1);

function parameters(spec: EndpointSpec): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [where, schema] of [["path", spec.params], ["query", spec.query]] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema);
    const required = new Set((object.required as string[] | undefined) ?? []);
    for (const name of Object.keys(objectShape(schema))) {
      const property = (object.properties as Record<string, JsonSchema>)[name] ?? {};
      const { description, ...rest } = property;
      list.push({ name, in: where, required: where === "path" || required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  if (spec.method === "POST") list.push({ $ref: "#/components/parameters/IdempotencyKey" });
  return list;
}

function operation(spec: EndpointSpec, schemas: Record<string, JsonSchema>) {
  const responses: Record<string, unknown> = {
    [String(spec.status ?? 200)]: { description: spec.response, content: { "application/json": { schema: {} } } },
  };
  if (spec.scope !== null) {
    const codes: (keyof typeof errors)[] = spec.method === "POST" ? ["400", "401", "403", "404", "409", "413", "422", "429"] : ["400", "401", "403", "404", "429"];
    for (const code of codes) responses[code] = { $ref: `#/components/responses/${errors[code][0]}` };
  }
  let requestBody: unknown;
  if (spec.method === "POST") {
    const name = !spec.body || spec.body === noBody ? "NoBody" : `${pascal(spec.id)}Body`;
    schemas[name] ??= jsonSchema(spec.body ?? noBody);
    requestBody = { required: name !== "NoBody", content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } } };
  }
  const scopeNote = spec.scope ? `Scope: \`${spec.scope}\` (or \`admin\`).` : "No API key needed.";
  return {
    operationId: spec.id,
    summary: spec.summary,
    description: [spec.description, scopeNote].filter(Boolean).join("\n\n"),
    tags: [spec.tag],
    security: spec.scope === null ? [] : [{ bearerAuth: [] }],
    "x-required-scope": spec.scope,
    parameters: parameters(spec),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of /api/v1, built from the same specs and zod schemas the routes check with. */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const schemas: Record<string, JsonSchema> = { Error: errorSchema };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of endpoints) (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operation(spec, schemas);
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Provisio API",
      version: "1.0.0",
      description:
        "Integrator REST API of Provisio. Authenticate with `Authorization: Bearer pv_live_…`. Send `Idempotency-Key` on POST to make retries safe. Errors are `{ error: { code, message, details } }`.",
    },
    servers: [{ url: "/api/v1" }],
    tags: [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key made by an admin in Admin → API keys" } },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key", in: "header", required: false,
          description: "Any unique string (1-255 visible ASCII). A repeat with the same body gets the first answer; with another body, 409.",
          schema: { type: "string", minLength: 1, maxLength: 255 },
        },
      },
      responses: Object.fromEntries(
        Object.values(errors).map(([name, description]) => [name, { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
      ),
      schemas,
    },
  };
  return cached;
}
