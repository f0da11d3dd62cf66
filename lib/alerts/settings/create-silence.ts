import type { Db } from "../../db";
import type { SilenceInput } from "./settings-input";

/** A maintenance window: alerts are still tracked and shown, but not delivered. */
export async function createSilence(options: { db: Db; input: SilenceInput; byUserId: number | null }): Promise<{ id: number }> {
  const { input } = options;
  const row = await options.db.silence.create({
    data: {
      routerId: input.routerId ?? null,
      rule: input.rule ?? null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      reason: input.reason,
      createdBy: options.byUserId,
    },
  });
  return { id: row.id };
}
