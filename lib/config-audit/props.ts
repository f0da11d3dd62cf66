import { parseRouterOsDuration } from "../routeros/duration";
import { configProps, type RawRow } from "./snapshot";

// Comparing and copying rows' properties the way RouterOS means them: "yes" is "true", "1d" is
// "1d 00:00:00", and a row re-added from a saved copy carries only what can be written.

const BOOLEAN: Record<string, boolean> = { true: true, yes: true, false: false, no: false };

/** Read-only flags a print shows but an `add` does not take. */
const READ_ONLY = new Set(["dynamic", "static", "connect", "default", "builtin", "invalid"]);

/** Values every firewall row prints whether configured or not; re-sending them only clutters the export. */
const PRINTED_DEFAULTS: Record<string, string[]> = { disabled: ["false", "no"], log: ["false", "no"], "log-prefix": [""] };
const BOOLEAN_PROPS = new Set(["passthrough", "disabled", "log"]);

/** What `add` needs to re-create a saved row: its configuration without read-only flags and printed defaults, booleans as export writes them. */
export function writableProps(row: RawRow): Record<string, string> {
  return Object.fromEntries(
    Object.entries(configProps(row))
      .filter(([key, value]) => !READ_ONLY.has(key) && !PRINTED_DEFAULTS[key]?.includes(value))
      .map(([key, value]) => [key, BOOLEAN_PROPS.has(key) && value in BOOLEAN ? (BOOLEAN[value] ? "yes" : "no") : value]),
  );
}

export function sameValue(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (a in BOOLEAN && b in BOOLEAN) return BOOLEAN[a] === BOOLEAN[b];
  const da = parseRouterOsDuration(a);
  const db = parseRouterOsDuration(b);
  return da !== undefined && db !== undefined && !/^\d+$/.test(a + b) && Math.abs(da - db) < 1e-6;
}

/** Keys whose values differ between two rows' configurations (a property missing on one side counts). */
export function differingKeys(options: {
  expected: Record<string, string>;
  actual: Record<string, string>;
  keys?: readonly string[];
}): string[] {
  const keys = options.keys ?? [...new Set([...Object.keys(options.expected), ...Object.keys(options.actual)])];
  return keys.filter((key) => !sameValue(options.expected[key], options.actual[key]));
}
