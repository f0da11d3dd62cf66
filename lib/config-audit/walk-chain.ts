import type { AuditRule } from "./model";

// Walks the first packet of a new connection through the mangle rules as RouterOS would, with every
// choice the rules make by counter or hash taken as a branch with its probability: nth takes 1 in
// `every` of what reaches it, PCC one remainder of its hash (uniform). The outcomes say which marks and
// lists new connections end with, and whether that was a per-connection choice (the list race) or a
// function of the client's address. Matchers the walk cannot evaluate are read as the bulk of a LAN's
// internet traffic would meet them: a rule for specific traffic (dst-address=..., protocol=...) does not
// match it, an exception (dst-address-type=!local) does. Matchers shared with the classifier rules
// (in-interface=Local) define that traffic, so they match.

/** Properties that are not matchers: the action, its parameters, metadata and counters. */
const NOT_MATCHERS = new Set([
  ".id",
  "chain",
  "action",
  "disabled",
  "invalid",
  "dynamic",
  "comment",
  "log",
  "log-prefix",
  "passthrough",
  "new-connection-mark",
  "new-routing-mark",
  "new-packet-mark",
  "address-list",
  "address-list-timeout",
  "jump-target",
  "bytes",
  "packets",
  "new-dscp",
  "new-ttl",
  "new-mss",
  "new-priority",
  "route-dst",
  "sniff-id",
  "sniff-target",
  "sniff-target-port",
  "to-addresses",
  "to-ports",
]);

/** Matchers the walk evaluates itself; the rest go through the bulk-traffic reading. */
const MODELLED = new Set(["connection-state", "connection-mark", "routing-mark", "src-address-list", "nth", "per-connection-classifier"]);

export function matcherEntries(raw: Record<string, string>): [string, string][] {
  return Object.entries(raw).filter(([key, value]) => !NOT_MATCHERS.has(key) && value !== "");
}

export type TrafficClass = ReadonlyMap<string, string>;

export type WalkOutcome = {
  p: number;
  /** Connection mark at the end ("" for none). */
  connMark: string;
  routingMark: string;
  /** Lists an add-src-to-address-list rule put the client on (visible only to later packets). */
  addedLists: string[];
  /** The outcome was chosen per connection (an nth counter, PCC over ports or destinations), not per client. */
  perConnection: boolean;
  /** Classifier rules (nth or PCC) that set a connection mark on the way. */
  classifiedBy: string[];
  /** The rule whose mark-connection set the final connection mark. */
  markedBy: string | null;
};

type State = WalkOutcome & { pcc: Map<string, number[]> };

const MAX_STATES = 4096;
const MAX_DEPTH = 8;

const negation = (value: string): { negated: boolean; value: string } =>
  value.startsWith("!") ? { negated: true, value: value.slice(1) } : { negated: false, value };

const flag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined ? fallback : value === "true" || value === "yes";

function bulkMatch(traffic: TrafficClass, key: string, raw: string): boolean {
  const { negated, value } = negation(raw);
  const cls = traffic.get(key);
  if (cls !== undefined) {
    if (cls === raw) return true;
    const c = negation(cls);
    if (!c.negated) return negated ? c.value !== value : c.value === value;
  }
  return negated;
}

/** The class of traffic the classifiers balance: the matchers on the first classifier (or WAN-marking) rule. */
export function trafficClassOf(rules: readonly AuditRule[], wanMarks: ReadonlySet<string>): TrafficClass {
  const enabled = rules.filter((r) => !r.disabled && !r.invalid && r.chain === "prerouting");
  const marking = (r: AuditRule) => r.action === "mark-connection" && wanMarks.has(r.newConnectionMark ?? "");
  const model = enabled.find((r) => marking(r) && (r.nth || r.pcc)) ?? enabled.find(marking);
  const out = new Map<string, string>();
  if (model) for (const [key, value] of matcherEntries(model.raw)) if (!MODELLED.has(key)) out.set(key, value);
  return out;
}

type Branch = { state: State; matched: boolean };

function scaled(state: State, factor: number, changes: Partial<State> = {}): State {
  return { ...state, ...changes, p: state.p * factor, pcc: changes.pcc ?? state.pcc };
}

function evaluate(options: { rule: AuditRule; state: State; traffic: TrafficClass; visible: ReadonlySet<string> }): Branch[] {
  const { rule, state, traffic, visible } = options;
  for (const [key, raw] of matcherEntries(rule.raw)) {
    if (key === "nth" || key === "per-connection-classifier") continue;
    const { negated, value } = negation(raw);
    let hit: boolean;
    if (key === "connection-state") hit = value.split(",").includes("new");
    else if (key === "connection-mark") hit = (state.connMark || "no-mark") === value;
    else if (key === "routing-mark") hit = (state.routingMark || "no-mark") === value;
    else if (key === "src-address-list") hit = visible.has(value);
    else {
      if (!bulkMatch(traffic, key, raw)) return [{ state, matched: false }];
      continue;
    }
    if (hit === negated) return [{ state, matched: false }];
  }
  let branches: Branch[] = [{ state, matched: true }];
  if (rule.pcc) {
    const { fields, denominator, remainder, negated } = rule.pcc;
    const key = `${fields}:${denominator}`;
    const possible = state.pcc.get(key) ?? Array.from({ length: denominator }, (_, i) => i);
    const hitSet = possible.filter((r) => (r === remainder) !== negated);
    const missSet = possible.filter((r) => (r === remainder) === negated);
    const perConnection = state.perConnection || fields !== "src-address";
    const split = (set: number[], matched: boolean): Branch[] =>
      set.length === 0
        ? []
        : [
            {
              state: scaled(state, set.length / possible.length, {
                pcc: new Map([...state.pcc, [key, set]]),
                perConnection: set.length < possible.length ? perConnection : state.perConnection,
              }),
              matched,
            },
          ];
    branches = [...split(hitSet, true), ...split(missSet, false)];
  }
  if (rule.nth && rule.nth.every > 1) {
    const every = rule.nth.every;
    branches = branches.flatMap((b) =>
      b.matched
        ? [
            { state: scaled(b.state, 1 / every, { perConnection: true }), matched: true },
            { state: scaled(b.state, (every - 1) / every, { perConnection: true }), matched: false },
          ]
        : [b],
    );
  }
  return branches;
}

function stateKey(s: State): string {
  return JSON.stringify([s.connMark, s.routingMark, s.addedLists, s.perConnection, s.classifiedBy, s.markedBy, [...s.pcc]]);
}

function merge(states: State[]): State[] {
  const byKey = new Map<string, State>();
  for (const s of states) {
    const key = stateKey(s);
    const existing = byKey.get(key);
    if (existing) existing.p += s.p;
    else byKey.set(key, { ...s });
  }
  const merged = [...byKey.values()];
  if (merged.length > MAX_STATES) merged.sort((a, b) => b.p - a.p).length = MAX_STATES;
  return merged;
}

type ChainResult = { state: State; terminated: boolean };

function runChain(options: {
  chain: string;
  rules: readonly AuditRule[];
  states: State[];
  traffic: TrafficClass;
  visible: ReadonlySet<string>;
  depth: number;
}): ChainResult[] {
  const { chain, rules, traffic, visible, depth } = options;
  const out: ChainResult[] = [];
  let active = options.states;
  for (const rule of rules) {
    if (rule.disabled || rule.invalid || rule.chain !== chain || active.length === 0) continue;
    const next: State[] = [];
    for (const state of active) {
      for (const branch of evaluate({ rule, state, traffic, visible })) {
        if (!branch.matched) {
          next.push(branch.state);
          continue;
        }
        const s = branch.state;
        const passthrough = flag(rule.raw.passthrough, true);
        switch (rule.action) {
          case "mark-connection": {
            const classifier = rule.nth !== null || (rule.pcc !== null && !rule.pcc.negated);
            const marked: State = {
              ...s,
              connMark: rule.newConnectionMark === "no-mark" ? "" : (rule.newConnectionMark ?? ""),
              markedBy: rule.id,
              classifiedBy: classifier ? [...s.classifiedBy, rule.id] : s.classifiedBy,
            };
            if (passthrough) next.push(marked);
            else out.push({ state: marked, terminated: true });
            break;
          }
          case "mark-routing": {
            const marked: State = { ...s, routingMark: rule.newRoutingMark === "no-mark" ? "" : (rule.newRoutingMark ?? "") };
            if (passthrough) next.push(marked);
            else out.push({ state: marked, terminated: true });
            break;
          }
          case "mark-packet":
            if (passthrough) next.push(s);
            else out.push({ state: s, terminated: true });
            break;
          case "add-src-to-address-list":
            next.push(
              rule.addressList && !s.addedLists.includes(rule.addressList) ? { ...s, addedLists: [...s.addedLists, rule.addressList] } : s,
            );
            break;
          case "accept":
          case "drop":
            out.push({ state: s, terminated: true });
            break;
          case "return":
            out.push({ state: s, terminated: false });
            break;
          case "jump": {
            const target = rule.raw["jump-target"];
            if (!target || depth >= MAX_DEPTH) {
              next.push(s);
              break;
            }
            for (const r of runChain({ chain: target, rules, states: [s], traffic, visible, depth: depth + 1 })) {
              if (r.terminated) out.push(r);
              else next.push(r.state);
            }
            break;
          }
          default:
            next.push(s);
        }
      }
    }
    active = merge(next);
  }
  for (const state of active) out.push({ state, terminated: false });
  return out;
}

/** The outcomes of a new connection from a client that rules see in `visibleLists`; probabilities add up to 1. */
export function walkNewConnection(options: {
  rules: readonly AuditRule[];
  traffic: TrafficClass;
  visibleLists: ReadonlySet<string>;
}): WalkOutcome[] {
  const start: State = {
    p: 1,
    connMark: "",
    routingMark: "",
    addedLists: [],
    perConnection: false,
    classifiedBy: [],
    markedBy: null,
    pcc: new Map(),
  };
  const results = runChain({
    chain: "prerouting",
    rules: options.rules,
    states: [start],
    traffic: options.traffic,
    visible: options.visibleLists,
    depth: 0,
  });
  return merge(results.map((r) => r.state))
    .filter((s) => s.p > 1e-12)
    .map(({ pcc: _pcc, ...outcome }) => outcome);
}

/** Share of new connections ending with each connection mark ("" = unmarked). */
export function sharesByMark(outcomes: readonly WalkOutcome[]): Map<string, number> {
  const shares = new Map<string, number>();
  for (const o of outcomes) shares.set(o.connMark, (shares.get(o.connMark) ?? 0) + o.p);
  return shares;
}
