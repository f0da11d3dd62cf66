import type { Menu, Row } from "../../protocol/router-api";
import type { RuleState } from "../../engine/firewall-rule-state";
import { formatBool, formatId } from "../format";

/** /ip/firewall/mangle and /ip/firewall/nat: the rules as configured; counters with =stats=. */
export function firewallMenu(rules: RuleState[]): Menu {
  return {
    print: ({ stats }) =>
      rules.map((state) => {
        const rule = state.rule;
        const row: Row = { ".id": formatId(state.id), ...rule.printed };
        if (stats) {
          row.bytes = String(Math.round(state.bytes));
          row.packets = String(state.packets);
        }
        row.invalid = "false";
        row.dynamic = "false";
        row.disabled = formatBool(rule.disabled);
        row.log = "false";
        row["log-prefix"] = "";
        if (rule.comment !== undefined) row.comment = rule.comment;
        return row;
      }),
  };
}
