import { RouterTrap, type Attributes } from "../../protocol/router-api";
import { unknownParameter } from "../../protocol/trap-messages";
import type { ParamsError } from "../rules/values";

// Properties whose values come from a fixed set: RouterOS words a bad one "input does not match any
// value of <name>" with category 1 (argument value failure), as MikroTik's API page shows for interface.
const ENUMS = new Set([
  "action",
  "chain",
  "check-gateway",
  "connection-nat-state",
  "connection-state",
  "dst-address-type",
  "ipsec-policy",
  "protocol",
  "routing-table",
  "src-address-type",
]);

/** The first problem of a rule or route as the trap RouterOS sends for it. */
export function paramsTrap(error: ParamsError): RouterTrap {
  const issue = error.issues[0]!;
  if (issue.kind === "unknown") return unknownParameter(issue.key);
  if (issue.kind === "missing") return new RouterTrap(`failure: ${issue.key} not specified`);
  if (ENUMS.has(issue.key)) return new RouterTrap(`input does not match any value of ${issue.key}`, 1);
  return new RouterTrap(`invalid value for argument ${issue.key}`, 1);
}

/** API attributes (.id, .proplist) and numbers never become rule or route parameters. */
export function withoutApi(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) if (!key.startsWith(".") && key !== "numbers") out[key] = value;
  return out;
}

/** `set`: the given values over the current ones; an empty value unsets a property (a comment may be empty). */
export function mergeParams(current: Record<string, string>, attributes: Attributes): Record<string, string> {
  const params = { ...current };
  for (const [key, value] of Object.entries(withoutApi(attributes))) {
    if (value === "" && key !== "comment") delete params[key];
    else params[key] = value;
  }
  return params;
}
