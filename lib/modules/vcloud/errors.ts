import { ModuleError } from "../contract";
import type { WireResponse } from "./wire";
import { element } from "./xml";

/**
 * VCD's error answers (protocols §4), read from `<Error minorErrorCode message>` (XML) or the
 * cloudapi JSON `{minorErrorCode, message}`. The table in docs/modules/vcloud.md follows this.
 */
export function vcdError(res: WireResponse, what: string): ModuleError {
  let minor: string;
  let text: string;
  const xml = element(res.text, "Error")?.attrs;
  if (xml) {
    minor = xml.minorErrorCode ?? "";
    text = xml.message ?? "";
  } else {
    try {
      const body = JSON.parse(res.text) as { minorErrorCode?: string; message?: string };
      minor = body.minorErrorCode ?? "";
      text = body.message ?? "";
    } catch {
      minor = "";
      text = res.text.slice(0, 200);
    }
  }
  const message = `vCloud ${what}: ${text || `HTTP ${res.status}`}`;
  // A busy entity is finishing another operation (e.g. an undeploy after a lost answer): try later.
  if (minor === "BUSY_ENTITY" || /busy completing an operation/i.test(text)) return new ModuleError("busy", message, true);
  if (minor === "DUPLICATE_NAME") return new ModuleError("exists", message, false);
  // An entity that does not exist (any more) answers 403, not 404: it is missing, not a credentials problem.
  if (minor === "ACCESS_TO_RESOURCE_IS_FORBIDDEN" || minor === "RESOURCE_NOT_FOUND" || res.status === 404) return new ModuleError("not_found", message, false);
  if (res.status === 401) return new ModuleError("auth", message, false);
  if (res.status === 403) return new ModuleError("forbidden", message, false);
  if (res.status === 406) return new ModuleError("version", message, false);
  if (res.status === 429) return new ModuleError("rate_limited", message, true);
  if (/is not running/i.test(text)) return new ModuleError("not_running", message, false);
  if (/stop the vapp and try again/i.test(text)) return new ModuleError("deployed", message, false);
  // Schema violations (cvc-…) and every other refusal of the request itself: the same request gets the same answer.
  if (/cvc-/.test(text)) return new ModuleError("invalid_request", message, false);
  return new ModuleError("rejected", message, false);
}
