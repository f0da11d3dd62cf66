import { RouterTrap, type Attributes, type Menu, type Row } from "../../protocol/router-api";
import { createRuleState, type RuleState } from "../../engine/firewall-rule-state";
import type { FirewallTable } from "../config";
import { formatBool, formatId, parseId } from "../format";
import { compileFirewallRule } from "../rules/firewall-rule";
import { ParamsError } from "../rules/values";
import type { SimRouter } from "../router";
import { mergeParams, paramsTrap, withoutApi } from "./menu-params";

/** Properties whose change leaves a rule's counters alone (anything else re-creates the rule, as RouterOS does). */
const COSMETIC = new Set(["comment", "disabled", "log", "log-prefix"]);

/**
 * /ip/firewall/{filter,mangle,nat,raw}: the rules as configured, counters with =stats=, and the writes a
 * config tool sends: add (with place-before), set, unset, remove, move, enable, disable. The engine runs
 * the edited table from the next packet on; a new rule's counters and nth start at zero, ids are never reused.
 */
export function firewallMenu(router: SimRouter, table: FirewallTable): Menu {
  const dp = router.dataplane;
  const rules = (): RuleState[] => dp.firewall[table];
  const indexOf = (id: string): number => {
    const n = parseId(id);
    const index = n === undefined ? -1 : rules().findIndex((s) => s.id === n);
    if (index === -1) throw new RouterTrap("no such item");
    return index;
  };
  /** place-before / destination: an .id, or a position number as the console prints it */
  const positionOf = (value: string): number => {
    if (/^\d+$/.test(value)) {
      const position = Number(value);
      if (position > rules().length) throw new RouterTrap("no such item");
      return position;
    }
    return indexOf(value);
  };
  const compile = (params: Attributes) => {
    checkReferences(router, params);
    try {
      return compileFirewallRule(table, params);
    } catch (error) {
      if (error instanceof ParamsError) throw paramsTrap(error);
      throw error;
    }
  };
  const changed = (): void => dp.rulesChanged();
  const print = ({ stats }: { stats: boolean }): Row[] =>
    rules().map((state) => {
      const rule = state.rule;
      const row: Row = { ".id": formatId(state.id), ...rule.printed };
      if (stats) {
        row.bytes = String(Math.round(state.bytes));
        row.packets = String(state.packets);
      }
      row.invalid = "false";
      row.dynamic = "false";
      row.disabled = formatBool(rule.disabled);
      row.log = formatBool(rule.params.log === "yes" || rule.params.log === "true");
      row["log-prefix"] = rule.params["log-prefix"] ?? "";
      if (rule.comment !== undefined) row.comment = rule.comment;
      return row;
    });
  const feed = router.feed(() => print({ stats: false }));
  return {
    print,
    watch: (listener) => feed.watch(listener),
    add: (attributes) => {
      const { "place-before": before, ...params } = withoutApi(attributes);
      const index = before === undefined ? rules().length : positionOf(before);
      const state = dp.newRule(compile(params));
      rules().splice(index, 0, state);
      changed();
      return formatId(state.id);
    },
    set: (id, attributes) => {
      const state = rules()[indexOf(id)]!;
      const rule = compile(mergeParams(state.rule.params, attributes));
      const cosmetic = Object.keys(attributes).every((key) => COSMETIC.has(key));
      const fresh = cosmetic ? { ...state, rule, unmodelled: rule.unmodelled.length > 0 } : createRuleState(state.id, rule);
      Object.assign(state, fresh);
      changed();
    },
    remove: (id) => {
      rules().splice(indexOf(id), 1);
      changed();
    },
    commands: {
      /** `move =numbers=*5,*6 =destination=*2`: before the destination; without one, to the end */
      move: (attributes) => {
        const ids = (attributes.numbers ?? attributes[".id"] ?? "").split(",").filter((s) => s !== "");
        if (ids.length === 0) throw new RouterTrap("no such item");
        const moving = ids.map((id) => rules()[indexOf(id)]!);
        const destination = attributes.destination;
        const anchor = destination === undefined ? undefined : rules()[positionOf(destination)];
        if (anchor !== undefined && moving.includes(anchor)) return { kind: "done" };
        const list = rules();
        for (const state of moving) list.splice(list.indexOf(state), 1);
        const at = anchor === undefined ? list.length : list.indexOf(anchor);
        list.splice(at, 0, ...moving);
        changed();
        return { kind: "done" };
      },
      /** `unset =numbers=*5 =value-name=src-address-list` */
      unset: (attributes) => {
        const name = attributes["value-name"];
        if (name === undefined) throw new RouterTrap("missing value(s) of argument(s) value-name");
        for (const id of (attributes.numbers ?? attributes[".id"] ?? "").split(",")) {
          const state = rules()[indexOf(id)]!;
          const params = { ...state.rule.params };
          delete params[name];
          Object.assign(state, createRuleState(state.id, compile(params)));
        }
        changed();
        return { kind: "done" };
      },
    },
  };
}

/** Interfaces and interface lists a rule names must exist (the export creates interfaces; the API does not). */
function checkReferences(router: SimRouter, params: Attributes): void {
  for (const key of ["in-interface", "out-interface"]) {
    const value = params[key]?.replace(/^!/, "");
    if (value !== undefined && !router.dataplane.interfaces.has(value)) throw new RouterTrap(`input does not match any value of ${key}`, 1);
  }
  for (const key of ["in-interface-list", "out-interface-list"]) {
    const value = params[key]?.replace(/^!/, "");
    if (value !== undefined && value !== "all" && !router.dataplane.interfaceLists.has(value))
      throw new RouterTrap(`input does not match any value of ${key}`, 1);
  }
}
