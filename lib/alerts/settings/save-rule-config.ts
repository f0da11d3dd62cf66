import type { Db } from "../../db";
import type { RuleConfigInput } from "./settings-input";

export const scopeKeyOf = (routerId: number | undefined | null): string => (routerId ? `router:${routerId}` : "fleet");

/** Fleet default (no router) or a router's override of one rule; thresholds left empty inherit. */
export async function saveRuleConfig(options: { db: Db; input: RuleConfigInput }): Promise<{ id: number }> {
  const { input } = options;
  const scopeKey = scopeKeyOf(input.routerId);
  const data = {
    enabled: input.enabled,
    threshold: input.threshold ?? null,
    clearThreshold: input.clearThreshold ?? null,
    forSeconds: input.forSeconds,
    severity: input.severity,
  };
  const row = await options.db.alertRuleConfig.upsert({
    where: { scopeKey_rule: { scopeKey, rule: input.rule } },
    create: { scopeKey, routerId: input.routerId ?? null, rule: input.rule, ...data },
    update: data,
  });
  return { id: row.id };
}
