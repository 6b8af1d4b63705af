import { decryptJson, encryptJson } from "../../crypto";

/**
 * A transfer's auth code never rests in plain text: the order item keeps it sealed (`authCodeSealed`), and the
 * service made at payment keeps it among its encrypted secrets (`transferCode`), where the registrar module reads it.
 */

/** The order item's params with the auth code sealed. */
export function sealTransferCode<P extends Record<string, unknown>>(params: P): Omit<P, "authCode"> & { authCodeSealed?: string } {
  const { authCode, ...rest } = params;
  return typeof authCode === "string" && authCode ? { ...rest, authCodeSealed: encryptJson({ code: authCode }) } : rest;
}

/** The service's params without the sealed code, and the secrets it adds. */
export function takeTransferCode<P extends Record<string, unknown>>(params: P): { params: Omit<P, "authCodeSealed">; secrets: Record<string, string> } {
  const { authCodeSealed, ...rest } = params;
  if (typeof authCodeSealed !== "string") return { params: rest, secrets: {} };
  const code = decryptJson<{ code?: string }>(authCodeSealed).code;
  return { params: rest, secrets: code ? { transferCode: code } : {} };
}
