import type { Db } from "../../db";

/** Deleting a channel drops its delivery history too (the schema cascades); disable it to keep that. */
export async function deleteChannel(options: { db: Db; id: number }): Promise<boolean> {
  return (await options.db.notificationChannel.deleteMany({ where: { id: options.id } })).count > 0;
}
