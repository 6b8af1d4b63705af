import type { SimReply } from "../simulator-server";

/**
 * Answer shapes a real WHM may give that the simulator's defaults do not use, switched on by tests so
 * the module is checked against each. (unconf.) which WHM versions give which.
 */
export type WhmVariants = {
  /** metadata.result and metadata.version as strings ("1") instead of numbers. */
  stringMetadata: boolean;
  /** The listaccts `suspended` flag as a number (default, §2), a boolean or a string. */
  suspendedAs: "number" | "boolean" | "string";
  /** A one-row data.acct given as an object instead of an array. */
  oneRowAsObject: boolean;
  /** The prefix of a failure's reason: "API failure: (XID …) " (default), "(XID …) " alone, or none. */
  reasonPrefix: "api_failure" | "xid" | "none";
  /** What a refused token gets: HTTP 403 JSON (default, §2), HTTP 403 HTML, or an HTTP 200 login page. */
  deniedAs: "json" | "html" | "login_page";
};

export const defaultWhmVariants = (): WhmVariants => ({
  stringMetadata: false, suspendedAs: "number", oneRowAsObject: false, reasonPrefix: "api_failure", deniedAs: "json",
});

type Body = { data?: unknown; metadata: Record<string, unknown> };

/** The envelope in the shape the variants ask for. */
export function reshapeEnvelope(body: Body, v: WhmVariants): Body {
  const metadata = v.stringMetadata ? { ...body.metadata, result: String(body.metadata.result), version: String(body.metadata.version) } : body.metadata;
  let data = body.data;
  if (data && typeof data === "object" && Array.isArray((data as { acct?: unknown }).acct)) {
    const rows = ((data as { acct: Record<string, unknown>[] }).acct).map((row) => {
      if (v.suspendedAs === "number") return row;
      const on = Number(row.suspended) === 1;
      return { ...row, suspended: v.suspendedAs === "boolean" ? on : on ? "1" : "0" };
    });
    data = { ...data, acct: v.oneRowAsObject && rows.length === 1 ? rows[0] : rows };
  }
  return { ...(data !== undefined ? { data } : {}), metadata };
}

export function prefixed(reason: string, xid: string, v: WhmVariants): string {
  if (v.reasonPrefix === "none") return reason;
  return `${v.reasonPrefix === "api_failure" ? "API failure: " : ""}(XID ${xid}) ${reason}`;
}

const LOGIN_PAGE = `<!DOCTYPE html><html><head><title>WHM Login</title></head><body>
<form method="post" action="/login/"><input name="user" type="text"><input name="pass" type="password"><button>Log in</button></form></body></html>`;

/** §2: a refused token is HTTP 403 "Access denied" (HTML, or JSON in the API 2 shape). */
export function denied(v: WhmVariants): SimReply {
  if (v.deniedAs === "html") return { status: 403, headers: { "content-type": "text/html" }, body: "<html><body><h1>Access denied</h1></body></html>" };
  if (v.deniedAs === "login_page") return { status: 200, headers: { "content-type": "text/html" }, body: LOGIN_PAGE };
  return {
    status: 403,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ cpanelresult: { error: "Access denied", data: { result: "0", reason: "Access denied" }, type: "text" } }),
  };
}
