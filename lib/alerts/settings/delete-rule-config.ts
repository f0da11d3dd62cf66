import type { Db } from "../../db";

/** Remove a fleet default or router override: the rule falls back to the next level. */
export async function deleteRuleConfig(options: { db: Db; id: number }): Promise<boolean> {
  return (await options.db.alertRuleConfig.deleteMany({ where: { id: options.id } })).count > 0;
}
