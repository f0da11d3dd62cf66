import type { Db } from "../../db";
import { loadEvaluationInputs } from "./load-evaluation-inputs";
import { observeRouter, SAMPLE_RULES } from "./observe-router";
import { applyTransitions, type Fire, type Transitions } from "./apply-transitions";
import { resolveRuleSettings, type RuleConfigRow } from "../settings/resolve-rule-settings";
import { RULE_KINDS } from "../rules";
import { findSilence, type SilenceWindow } from "./silences";
import { nextAlertState } from "./transition";
import type { Observation, OpenState, RuleKind, RuleSettings } from "../types";

export type EvaluateOutcome = {
  routerId: number;
  observed: number;
  fired: number;
  resolved: number;
  silenced: number;
  deliveryIds: bigint[];
};

export const openKeyOf = (routerId: number, rule: RuleKind, subject: string): string => `${routerId}:${rule}:${subject}`;

/** Effective settings of every rule: built-in, then the fleet row, then the router's ("router:<id>"). */
export function settingsFromRows(rows: readonly (RuleConfigRow & { rule: RuleKind; scopeKey: string })[]): Record<RuleKind, RuleSettings> {
  return Object.fromEntries(
    RULE_KINDS.map((rule) => [
      rule,
      resolveRuleSettings({
        rule,
        fleet: rows.find((r) => r.rule === rule && r.scopeKey === "fleet"),
        router: rows.find((r) => r.rule === rule && r.scopeKey !== "fleet"),
      }),
    ]),
  ) as Record<RuleKind, RuleSettings>;
}

/**
 * Evaluate a router's rules at `now` against what is stored, and write the transitions: conditions,
 * alerts, one event per transition and pending deliveries (none while silenced). Safe to repeat for
 * the same `now`: a second run sees the alerts it opened and changes nothing.
 */
export async function evaluateRouterAlerts(options: {
  db: Db;
  routerId: number;
  now: Date;
  rules?: readonly RuleKind[];
}): Promise<EvaluateOutcome> {
  const { db, routerId, now } = options;
  const outcome: EvaluateOutcome = { routerId, observed: 0, fired: 0, resolved: 0, silenced: 0, deliveryIds: [] };
  const rules = new Set<RuleKind>(options.rules ?? RULE_KINDS);
  const inputs = await loadEvaluationInputs({
    db,
    routerId,
    now,
    rules: [...rules],
    withSamples: [...rules].some((r) => SAMPLE_RULES.has(r)),
    withDualListed: rules.has("dual_listed"),
  });
  if (!inputs) return outcome;
  const { router, conditions, openAlerts, latest, silences } = inputs;
  const settings = settingsFromRows(inputs.ruleConfigs);
  const dualListed = settings.dual_listed.enabled ? inputs.dualListed : [];

  const key = (rule: RuleKind, subject: string) => `${rule}\u0000${subject}`;
  const conditionBy = new Map(conditions.map((c) => [key(c.rule, c.subject), c]));
  const alertBy = new Map(openAlerts.map((a) => [key(a.rule, a.subject), a]));
  const tracked = [...conditions, ...openAlerts].map((t) => ({ rule: t.rule, subject: t.subject }));
  const observations = observeRouter({
    router,
    latest,
    dualListed,
    tracked,
    rules,
    now,
  });
  outcome.observed = observations.length;

  const transitions: Transitions = { fires: [], resolves: [], newConditions: [], droppedConditions: [] };
  for (const obs of observations) {
    const rule = settings[obs.rule];
    const effective = router.enabled ? rule : { ...rule, enabled: false };
    const condition = conditionBy.get(key(obs.rule, obs.subject)) ?? null;
    const open = alertBy.get(key(obs.rule, obs.subject)) ?? null;
    const next = nextAlertState({
      previous: { alert: (open?.state as OpenState | undefined) ?? null, conditionSince: condition?.since ?? null },
      value: obs.value,
      settings: effective,
      now,
    });

    if (next.event === "fired") {
      const silence = findSilence({ silences, routerId, rule: obs.rule, now });
      transitions.fires.push(fireOf({ routerId, obs, severity: rule.severity, conditionSince: next.conditionSince ?? now, silence }));
    } else if (next.event === "resolved" && open) {
      const firedSilenced = (open.details as { silenced?: unknown } | null)?.silenced !== undefined;
      const silence = findSilence({ silences, routerId, rule: obs.rule, now });
      transitions.resolves.push({ alertId: open.id, rule: obs.rule, subject: obs.subject, deliver: !firedSilenced && !silence });
    } else if (next.conditionSince && !condition) {
      // No event: keep the condition row in step (written on change only, not every poll).
      transitions.newConditions.push({ rule: obs.rule, subject: obs.subject, since: next.conditionSince, value: obs.value });
    } else if (!next.conditionSince && condition) {
      transitions.droppedConditions.push({ rule: obs.rule, subject: obs.subject });
    }
  }
  const applied = await applyTransitions({ db, routerId, now, transitions });
  return { ...outcome, fired: applied.fired, silenced: applied.silenced, resolved: applied.resolved, deliveryIds: applied.deliveryIds };
}

function fireOf(options: {
  routerId: number;
  obs: Observation;
  severity: RuleSettings["severity"];
  conditionSince: Date;
  silence: SilenceWindow | null;
}): Fire {
  const { obs, silence } = options;
  const details = {
    ...(obs.details ?? {}),
    value: obs.value,
    conditionSince: options.conditionSince.toISOString(),
    ...(silence ? { silenced: { id: silence.id, reason: silence.reason, endsAt: silence.endsAt.toISOString() } } : {}),
  };
  return {
    rule: obs.rule,
    subject: obs.subject,
    openKey: openKeyOf(options.routerId, obs.rule, obs.subject),
    severity: options.severity,
    message: obs.message.slice(0, 1000),
    details,
    conditionSince: options.conditionSince,
    value: obs.value,
    deliver: !silence,
    silenced: silence !== null,
  };
}
