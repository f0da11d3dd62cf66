import type { Db } from "../../db";
import { encryptSecret } from "../../crypto/password-box";
import { NotFoundError, ValidationError } from "../../errors";
import type { ChannelInput } from "./settings-input";

/** Create or update a channel. The signing secret is stored encrypted; an empty one keeps the old. */
export async function saveChannel(options: { db: Db; input: ChannelInput; secretKey: Buffer }): Promise<{ id: number }> {
  const { input } = options;
  const secretEnc = input.secret ? encryptSecret(input.secret, options.secretKey) : undefined;
  // Telegram cannot send without its bot token: required when the channel has none yet.
  if (input.kind === "telegram" && !secretEnc) {
    const existing = input.id
      ? await options.db.notificationChannel.findUnique({ where: { id: input.id }, select: { secretEnc: true } })
      : null;
    if (!existing?.secretEnc) throw new ValidationError("a Telegram channel needs its bot token", ["secret: enter the bot token"]);
  }
  const data = {
    name: input.name,
    kind: input.kind,
    target: input.target.trim(),
    enabled: input.enabled,
    ...(secretEnc ? { secretEnc } : {}),
  };
  if (input.id) {
    const existing = await options.db.notificationChannel.findUnique({ where: { id: input.id }, select: { id: true } });
    if (!existing) throw new NotFoundError(`channel ${input.id}`);
    await options.db.notificationChannel.update({ where: { id: input.id }, data });
    return { id: input.id };
  }
  const row = await options.db.notificationChannel.create({ data });
  return { id: row.id };
}
