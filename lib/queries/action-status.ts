import type { Db } from "../db";

/** Where each requested client action stands (pending, running, done, failed with the router's error). */
export async function getActionStatuses(options: { db: Db; ids: readonly number[] }) {
  return options.db.clientAction.findMany({
    where: { id: { in: [...options.ids] } },
    select: { id: true, address: true, kind: true, targetList: true, status: true, error: true, finishedAt: true },
  });
}
