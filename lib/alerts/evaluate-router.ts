import type { Db } from "../db";
import { Prisma } from "../db/generated/client";
import { loadEvaluationInputs } from "./load-evaluation-inputs";
import { observeRouter, SAMPLE_RULES } from "./observe-router";
import { recordAlertEvent } from "./record-event";
import { resolveRuleSettings, type RuleConfigRow } from "./resolve-rule-settings";
import { RULE_KINDS } from "./rules";
import { findSilence, type SilenceWindow } from "./silences";
import { nextAlertState } from "./transition";
import type { Observation, OpenState, RuleKind, RuleSettings } from "./types";

export type EvaluateOutcome = { routerId: number; observed: number; fired: number; resolved: number; silenced: number; deliveryIds: bigint[] };

export const openKeyOf = (routerId: number, rule: RuleKind, subject: string): string => `${routerId}:${rule}:${subject}`;

/** Effective settings of every rule for one router (fleet row, then its override). */
export async function loadRuleSettings(options: { db: Db; routerId: number }): Promise<Record<RuleKind, RuleSettings>> {
  const rows = await options.db.alertRuleConfig.findMany({ where: { scopeKey: { in: ["fleet", `router:${options.routerId}`] } } });
  return settingsFromRows(rows);
}

/** Rows are the fleet's and at most one router's (scope "router:<id>"). */
export function settingsFromRows(rows: readonly (RuleConfigRow & { rule: RuleKind; scopeKey: string })[]): Record<RuleKind, RuleSettings> {
  return Object.fromEntries(
    RULE_KINDS.map((rule) => [rule, resolveRuleSettings({ rule, fleet: rows.find((r) => r.rule === rule && r.scopeKey === "fleet"), router: rows.find((r) => r.rule === rule && r.scopeKey !== "fleet") })]),
  ) as Record<RuleKind, RuleSettings>;
}

/**
 * Evaluate a router's rules at `now` against what is stored, and write the transitions: conditions,
 * alerts, one event per transition and pending deliveries (none while silenced). Safe to repeat for
 * the same `now`: a second run sees the alerts it opened and changes nothing.
 */
export async function evaluateRouterAlerts(options: { db: Db; routerId: number; now: Date; rules?: readonly RuleKind[] }): Promise<EvaluateOutcome> {
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

  for (const obs of observations) {
    const rule = settings[obs.rule];
    const effective = router.enabled ? rule : { ...rule, enabled: false };
    const condition = conditionBy.get(key(obs.rule, obs.subject)) ?? null;
    const open = alertBy.get(key(obs.rule, obs.subject)) ?? null;
    const next = nextAlertState({ previous: { alert: (open?.state as OpenState | undefined) ?? null, conditionSince: condition?.since ?? null }, value: obs.value, settings: effective, now });

    if (next.event === "fired") {
      const silence = findSilence({ silences, routerId, rule: obs.rule, now });
      const ids = await fireAlert({ db, routerId, obs, severity: rule.severity, now, conditionSince: next.conditionSince ?? now, silence });
      if (ids) {
        outcome.fired++;
        if (silence) outcome.silenced++;
        outcome.deliveryIds.push(...ids);
      }
      continue;
    }
    if (next.event === "resolved" && open) {
      const firedSilenced = (open.details as { silenced?: unknown } | null)?.silenced !== undefined;
      const silence = findSilence({ silences, routerId, rule: obs.rule, now });
      const ids = await db.$transaction(async (tx) => {
        const updated = await tx.alert.updateMany({ where: { id: open.id, openKey: { not: null } }, data: { state: "resolved", openKey: null, resolvedAt: now } });
        await tx.alertCondition.deleteMany({ where: { routerId, rule: obs.rule, subject: obs.subject } });
        if (updated.count === 0) return null;
        return recordAlertEvent({ tx, alertId: open.id, kind: "resolved", at: now, deliver: !firedSilenced && !silence });
      });
      if (ids) {
        outcome.resolved++;
        outcome.deliveryIds.push(...ids);
      }
      continue;
    }
    // No event: keep the condition row in step (written on change only, not every poll).
    if (next.conditionSince && !condition) {
      await db.alertCondition.upsert({
        where: { routerId_rule_subject: { routerId, rule: obs.rule, subject: obs.subject } },
        create: { routerId, rule: obs.rule, subject: obs.subject, since: next.conditionSince, lastSeen: now, lastValue: obs.value },
        update: {},
      });
    } else if (!next.conditionSince && condition) {
      await db.alertCondition.deleteMany({ where: { routerId, rule: obs.rule, subject: obs.subject } });
    }
  }
  return outcome;
}

async function fireAlert(options: { db: Db; routerId: number; obs: Observation; severity: RuleSettings["severity"]; now: Date; conditionSince: Date; silence: SilenceWindow | null }): Promise<bigint[] | null> {
  const { db, routerId, obs, now, silence } = options;
  const details = { ...(obs.details ?? {}), value: obs.value, conditionSince: options.conditionSince.toISOString(), ...(silence ? { silenced: { id: silence.id, reason: silence.reason, endsAt: silence.endsAt.toISOString() } } : {}) };
  try {
    return await db.$transaction(async (tx) => {
      const alert = await tx.alert.create({
        data: { routerId, rule: obs.rule, subject: obs.subject, openKey: openKeyOf(routerId, obs.rule, obs.subject), state: "firing", severity: options.severity, message: obs.message.slice(0, 1000), details: details as Prisma.InputJsonValue, firedAt: now },
      });
      await tx.alertCondition.upsert({
        where: { routerId_rule_subject: { routerId, rule: obs.rule, subject: obs.subject } },
        create: { routerId, rule: obs.rule, subject: obs.subject, since: options.conditionSince, lastSeen: now, lastValue: obs.value },
        update: { lastSeen: now, lastValue: obs.value },
      });
      return recordAlertEvent({ tx, alertId: alert.id, kind: "fired", at: now, deliver: !silence });
    });
  } catch (error) {
    // Another evaluation opened it first (one open alert per subject): nothing more to do.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}
