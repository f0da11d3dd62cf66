import type { Db } from "../db";
import { encryptSecret } from "../crypto/password-box";
import { addRouter, type AddRouterInput } from "./add-router";

/**
 * Add a router, or refresh where and how to reach it when one of that name exists (the demo's
 * simulated fleet gets new ports and passwords on every start). Discovered WANs and history stay.
 */
export async function upsertRouterConnection(options: {
  db: Db;
  secretKey: Buffer;
  input: AddRouterInput;
}): Promise<{ id: number; created: boolean }> {
  const existing = await options.db.router.findUnique({ where: { name: options.input.name } });
  if (!existing) return { ...(await addRouter(options)), created: true };
  await options.db.router.update({
    where: { id: existing.id },
    data: {
      host: options.input.host,
      port: options.input.port ? Number(options.input.port) : existing.port,
      username: options.input.username,
      passwordEnc: encryptSecret(options.input.password, options.secretKey),
    },
  });
  return { id: existing.id, created: false };
}
