import { ModuleError } from "../contract";

/**
 * WHM API 1 has no error codes, only a reason text (§2). The table of docs/modules/cpanel.md: the
 * known wordings, most specific first; anything else is retryable, with WHM's reason in the message.
 */
const RULES: [RegExp, string, boolean][] = [
  // "The domain “X” already exists in the userdata for the user “Y”." (tested before a generic "exists").
  [/domain .* already exists in the userdata|domain .* is already owned|domain .* already exists/i, "domain_taken", false],
  [/cannot accept .* as a domain name|not a valid domain|invalid domain/i, "invalid_domain", false],
  [/too weak|easy to guess|password strength/i, "weak_password", false],
  [/specified package does not exist|unable to find the package|package .* (does not exist|not found)|invalid (package|plan)/i, "unknown_template", false],
  // "Sorry, a group for that username already exists." may follow a create that worked (boxbilling#19).
  [/group for that username already exists|username .* is taken|account .* already exists|already exists/i, "exists", false],
  [/you do not have a user named|user .* does not exist|account does not exist|no accounts found/i, "not_found", false],
  [/not a valid username|username .*(invalid|reserved|too long|cannot|may not)|reserved username/i, "invalid_name", false],
  [/access denied|permission|privilege|not authorized/i, "auth", false],
];

export function toModuleError(reason: string, fn: string): ModuleError {
  const message = `WHM ${fn}: ${reason}`;
  for (const [pattern, code, retryable] of RULES) if (pattern.test(reason)) return new ModuleError(code, message, retryable);
  return new ModuleError("panel_error", message, true);
}
