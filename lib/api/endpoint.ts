import { z } from "zod";
import type { ApiScope } from "../vocabulary";

/** One REST operation: what the wrapper checks and what the OpenAPI document says about it. */
export type EndpointSpec = {
  /** The operationId in the OpenAPI document. */
  id: string;
  method: "GET" | "POST";
  /** Under /api/v1, with {name} for path parameters. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** The scope a key needs ("admin" keys have them all); null: no key needed. */
  scope: ApiScope | null;
  params?: z.ZodObject;
  query?: z.ZodType;
  /** The verb's own input schema (or a part of it): the wrapper validates with it, the document shows it. */
  body?: z.ZodType;
  /** Status of a success (200 unless said). */
  status?: number;
  response: string;
};

export const defineEndpoint = <const S extends EndpointSpec>(spec: S): S => spec;

export const MAX_ID = 2_147_483_647;
export const idParams = z.object({ id: z.coerce.number().int().positive().max(MAX_ID) });
/** The body of a POST that takes none: empty, or an empty JSON object. */
export const noBody = z.strictObject({});

/** A reply with its own status, when the spec's status does not fit (e.g. 200 for an order that existed). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
