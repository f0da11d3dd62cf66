import type { Db } from "../db";
import { decryptSecret, encryptSecret } from "./password-box";

/**
 * Re-encrypt every stored secret (router passwords, channel HMAC keys) from the old key to the new one,
 * in one transaction: either all rows move to the new key or none do. Decrypting everything first
 * means a wrong old key fails before anything is written.
 */
export async function rotateSecretKey({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { oldKey: Buffer; newKey: Buffer };
}): Promise<{ routers: number; channels: number }> {
  return ctx.db.$transaction(
    async (tx) => {
      const routers = await tx.router.findMany({ select: { id: true, passwordEnc: true } });
      const channels = await tx.notificationChannel.findMany({
        where: { secretEnc: { not: null } },
        select: { id: true, secretEnc: true },
      });
      const routerPlain = routers.map((r) => ({ id: r.id, plain: decryptSecret(r.passwordEnc, input.oldKey) }));
      const channelPlain = channels.map((c) => ({ id: c.id, plain: decryptSecret(c.secretEnc!, input.oldKey) }));
      for (const r of routerPlain)
        await tx.router.update({ where: { id: r.id }, data: { passwordEnc: encryptSecret(r.plain, input.newKey) } });
      for (const c of channelPlain)
        await tx.notificationChannel.update({ where: { id: c.id }, data: { secretEnc: encryptSecret(c.plain, input.newKey) } });
      return { routers: routers.length, channels: channels.length };
    },
    { timeout: 60_000 },
  );
}
