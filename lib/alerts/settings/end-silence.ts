import type { Db } from "../../db";

/** End a silence now (kept for history); a future one is moved to end when it starts. */
export async function endSilence(options: { db: Db; id: number; now: Date }): Promise<boolean> {
  const silence = await options.db.silence.findUnique({ where: { id: options.id } });
  if (!silence || silence.endsAt <= options.now) return false;
  const endsAt = silence.startsAt > options.now ? silence.startsAt : options.now;
  await options.db.silence.update({ where: { id: options.id }, data: { endsAt } });
  return true;
}
