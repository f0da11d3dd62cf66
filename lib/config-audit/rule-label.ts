import type { RuleRef } from "./types";

/** How findings name a rule: firewall rules by position and id ("rule #4 (*8)"), routes by id. */
export function ruleLabelOf(ref: RuleRef): string {
  return ref.path === "/ip/route"
    ? `route ${ref.id}`
    : ref.path === "/routing/table"
      ? `table ${ref.id}`
      : `rule #${ref.position} (${ref.id})`;
}
