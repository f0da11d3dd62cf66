import type { Db } from "../../db";
import { tsParam } from "../../db/sql";
import type { RuleKind, Severity } from "../types";

// Writes all of one evaluation's transitions in one statement: alerts fired (with their condition,
// event and a pending delivery per enabled channel), alerts resolved (event, deliveries, condition
// dropped), conditions started and dropped. A burst that dual-lists twenty clients fires twenty
// alerts; one by one that was about ten statements each, on the path every poll takes
// (docs/adr/0008-raw-sql-on-hot-paths.md).
//
// Races stay as safe as the model-API version: `open_key` is unique, so an alert another evaluation
// opened first is skipped (no event, no delivery), and a resolve only acts on a still-open alert.

export type Fire = {
  rule: RuleKind;
  subject: string;
  openKey: string;
  severity: Severity;
  message: string;
  details: unknown;
  conditionSince: Date;
  value: number | null;
  deliver: boolean;
  silenced: boolean;
};
export type Resolve = { alertId: number; rule: RuleKind; subject: string; deliver: boolean };
export type NewCondition = { rule: RuleKind; subject: string; since: Date; value: number | null };
export type Subject = { rule: RuleKind; subject: string };

export type Transitions = { fires: Fire[]; resolves: Resolve[]; newConditions: NewCondition[]; droppedConditions: Subject[] };
export type Applied = { fired: number; silenced: number; resolved: number; deliveryIds: bigint[] };

const noTransitions = (t: Transitions): boolean =>
  t.fires.length + t.resolves.length + t.newConditions.length + t.droppedConditions.length === 0;

export async function applyTransitions(options: { db: Db; routerId: number; now: Date; transitions: Transitions }): Promise<Applied> {
  const { db, routerId, now, transitions: t } = options;
  if (noTransitions(t)) return { fired: 0, silenced: 0, resolved: 0, deliveryIds: [] };
  const fires = JSON.stringify(t.fires.map((f) => ({ ...f, conditionSince: f.conditionSince.toISOString() })));
  const resolves = JSON.stringify(t.resolves);
  const created = JSON.stringify(t.newConditions.map((c) => ({ ...c, since: c.since.toISOString() })));
  const dropped = JSON.stringify([...t.droppedConditions, ...t.resolves.map((r) => ({ rule: r.rule, subject: r.subject }))]);
  // Timestamps as ISO text cast to timestamp (lib/db/sql.ts), never as bound Dates.
  const at = tsParam(now);
  const updatedAt = tsParam(new Date());
  const [row] = await db.$queryRaw<{ fired: number; silenced: number; resolved: number; deliveries: string[] | null }[]>`
    WITH fire_in AS (
      SELECT * FROM jsonb_to_recordset(${fires}::jsonb)
        AS x(rule text, subject text, "openKey" text, severity text, message text, details jsonb, "conditionSince" text, value float8, deliver boolean, silenced boolean)
    ), fired AS (
      INSERT INTO alerts (router_id, rule, subject, open_key, state, severity, message, details, fired_at, updated_at)
      SELECT ${routerId}, x.rule::"AlertRuleKind", x.subject, x."openKey", 'firing', x.severity::"AlertSeverity", x.message, x.details, ${at}, ${updatedAt}
      FROM fire_in x
      ON CONFLICT (open_key) DO NOTHING
      RETURNING id, rule::text AS rule, subject
    ), fired_conditions AS (
      INSERT INTO alert_conditions (router_id, rule, subject, since, last_seen, last_value)
      SELECT ${routerId}, x.rule::"AlertRuleKind", x.subject, x."conditionSince"::timestamp, ${at}, x.value
      FROM fire_in x JOIN fired f ON f.rule = x.rule AND f.subject = x.subject
      ON CONFLICT (router_id, rule, subject) DO UPDATE SET last_seen = excluded.last_seen, last_value = excluded.last_value
    ), fired_events AS (
      INSERT INTO alert_events (alert_id, kind, at)
      SELECT f.id, 'fired', ${at} FROM fired f
      RETURNING id, alert_id
    ), resolve_in AS (
      SELECT * FROM jsonb_to_recordset(${resolves}::jsonb) AS x("alertId" int, rule text, subject text, deliver boolean)
    ), resolved AS (
      UPDATE alerts a SET state = 'resolved', open_key = NULL, resolved_at = ${at}, updated_at = ${updatedAt}
      FROM resolve_in x WHERE a.id = x."alertId" AND a.open_key IS NOT NULL
      RETURNING a.id
    ), resolved_events AS (
      INSERT INTO alert_events (alert_id, kind, at)
      SELECT r.id, 'resolved', ${at} FROM resolved r
      ON CONFLICT (alert_id, kind, at) DO NOTHING
      RETURNING id, alert_id
    ), new_conditions AS (
      INSERT INTO alert_conditions (router_id, rule, subject, since, last_seen, last_value)
      SELECT ${routerId}, x.rule::"AlertRuleKind", x.subject, x.since::timestamp, ${at}, x.value
      FROM jsonb_to_recordset(${created}::jsonb) AS x(rule text, subject text, since text, value float8)
      ON CONFLICT (router_id, rule, subject) DO NOTHING
    ), dropped_conditions AS (
      DELETE FROM alert_conditions c USING jsonb_to_recordset(${dropped}::jsonb) AS x(rule text, subject text)
      WHERE c.router_id = ${routerId} AND c.rule::text = x.rule AND c.subject = x.subject
    ), to_deliver AS (
      SELECT e.id AS event_id FROM fired_events e JOIN fired f ON f.id = e.alert_id JOIN fire_in x ON x.rule = f.rule AND x.subject = f.subject WHERE x.deliver
      UNION ALL
      SELECT e.id FROM resolved_events e JOIN resolve_in x ON x."alertId" = e.alert_id WHERE x.deliver
    ), deliveries AS (
      INSERT INTO deliveries (channel_id, alert_event_id)
      SELECT c.id, d.event_id FROM to_deliver d CROSS JOIN notification_channels c WHERE c.enabled
      ON CONFLICT (channel_id, alert_event_id) DO NOTHING
      RETURNING id
    )
    SELECT (SELECT count(*) FROM fired)::int AS fired,
      (SELECT count(*) FROM fired f JOIN fire_in x ON x.rule = f.rule AND x.subject = f.subject WHERE x.silenced)::int AS silenced,
      (SELECT count(*) FROM resolved)::int AS resolved,
      (SELECT array_agg(id::text ORDER BY id) FROM deliveries) AS deliveries`;
  return {
    fired: row?.fired ?? 0,
    silenced: row?.silenced ?? 0,
    resolved: row?.resolved ?? 0,
    deliveryIds: (row?.deliveries ?? []).map((id) => BigInt(id)),
  };
}
