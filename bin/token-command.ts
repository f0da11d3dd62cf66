// `npm run wanscope -- token create|list|revoke` (arguments parsed by bin/wanscope.ts): API tokens from
// the shell; the CLI acts as "cli" in the audit log.
import { createApiToken, listApiTokens, revokeApiToken } from "../lib/auth/api-tokens";
import type { Db } from "../lib/db";
import { NotFoundError, ValidationError } from "../lib/errors";

const CLI = { id: null, email: "cli" };

export async function tokenCommand(options: {
  db: Db;
  command: string;
  values: Record<string, string | undefined>;
  ref: string | undefined;
  out: (line: string) => void;
}): Promise<void> {
  const { db, values, out } = options;
  const now = new Date();
  if (options.command === "create") {
    const { token, row } = await createApiToken({
      db,
      input: { name: values.name ?? "", scope: (values.scope ?? "") as "viewer", ...(values.expires ? { expiresAt: values.expires } : {}) },
      by: CLI,
      now,
    });
    out(`created token ${row.name} (id ${row.id}, scope ${row.scope}${row.expiresAt ? `, expires ${row.expiresAt.toISOString()}` : ""})`);
    out(`token (shown once, store it now): ${token}`);
    return;
  }
  if (options.command === "list") {
    for (const t of await listApiTokens({ db })) {
      const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : t.expiresAt && t.expiresAt <= now ? "expired" : "active";
      out(
        `${t.id}\t${t.name}\t${t.scope}\twsk_${t.prefix}…\t${state}\texpires ${t.expiresAt?.toISOString() ?? "never"}\tlast used ${t.lastUsedAt?.toISOString() ?? "never"}`,
      );
    }
    return;
  }
  if (options.command === "revoke") {
    const ref = options.ref;
    if (!ref) throw new ValidationError("name the token: its id or name");
    const token = /^\d+$/.test(ref)
      ? await db.apiToken.findUnique({ where: { id: Number(ref) } })
      : await db.apiToken.findUnique({ where: { name: ref } });
    if (!token) throw new NotFoundError(`API token ${ref}`);
    const { changed } = await revokeApiToken({ db, id: token.id, by: CLI, now });
    out(changed ? `revoked token ${token.name}` : `token ${token.name} was already revoked`);
    return;
  }
  throw new ValidationError(`unknown command token ${options.command ?? ""}; use token create, token list or token revoke`);
}
