import type { Db } from "../db";
import { epochMs, Prisma, tsParam } from "../db/sql";
import { ForbiddenError, RateLimitedError, UnauthenticatedError } from "../errors";
import { scopeAllows, type Actor, type TokenScope } from "./roles";
import { hashToken } from "./session-token";
import { TOKEN_PREFIX } from "./api-tokens";

// Bearer-token sign-in for /api/v1 and /metrics: the second way in beside sessions, with the same
// ordered roles (plus `metrics` below viewer). Two statements per request: the lookup, then the
// rate-limit window and last-used time together.

export type TokenPrincipal = { tokenId: number; name: string; scope: TokenScope };

export const actorOf = (p: TokenPrincipal): Actor => ({ id: null, email: `token:${p.name}`, tokenId: p.tokenId });

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const TOKEN_SHAPE = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);
const WINDOW_MS = 60_000;

type Row = { id: number; name: string; scope: TokenScope; expires_ms: number | null; revoked: boolean };

const refused = (message: string, publicMessage: string) => new UnauthenticatedError(message, publicMessage);

export async function authenticateToken(options: {
  db: Db;
  authorization: string | null;
  needed: TokenScope;
  ip: string;
  now: Date;
  ratePerMin: number;
}): Promise<TokenPrincipal> {
  const { db, now } = options;
  const match = BEARER.exec(options.authorization ?? "");
  if (!match) throw refused("no bearer token", "Send an API token: Authorization: Bearer <token>");
  const token = match[1]!;
  if (!TOKEN_SHAPE.test(token)) throw refused("malformed token", "The API token is not valid");
  const [row] = await db.$queryRaw<Row[]>`
    SELECT id, name, scope::text AS scope, ${epochMs(Prisma.sql`expires_at`)} AS expires_ms, revoked_at IS NOT NULL AS revoked
    FROM api_tokens WHERE token_hash = ${hashToken(token)}`;
  if (!row) throw refused("unknown token", "The API token is not valid");
  if (row.revoked) throw refused(`token ${row.id} is revoked`, "The API token was revoked");
  if (row.expires_ms !== null && row.expires_ms <= now.getTime()) throw refused(`token ${row.id} expired`, "The API token has expired");
  if (!scopeAllows(row.scope, options.needed))
    throw new ForbiddenError(
      `token ${row.id} (${row.scope}) needs ${options.needed}`,
      `This token's scope (${row.scope}) does not allow this; it needs ${options.needed}`,
    );

  // A fixed one-minute window per token, counted in Postgres so every web process shares it; the
  // token's older windows are dropped in the same statement, and last_used is written once a minute.
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const [counted] = await db.$queryRaw<{ requests: number }[]>`
    WITH w AS (
      INSERT INTO api_rate_windows (token_id, window_start, requests) VALUES (${row.id}, ${tsParam(windowStart)}, 1)
      ON CONFLICT (token_id, window_start) DO UPDATE SET requests = api_rate_windows.requests + 1
      RETURNING requests
    ), old AS (
      DELETE FROM api_rate_windows WHERE token_id = ${row.id} AND window_start < ${tsParam(windowStart)}
    ), used AS (
      UPDATE api_tokens SET last_used_at = ${tsParam(now)}, last_used_ip = ${options.ip.slice(0, 100)}
      WHERE id = ${row.id} AND (last_used_at IS NULL OR last_used_at < ${tsParam(new Date(now.getTime() - 60_000))} OR last_used_ip IS DISTINCT FROM ${options.ip.slice(0, 100)})
    )
    SELECT requests FROM w`;
  if ((counted?.requests ?? 0) > options.ratePerMin) {
    const retryAfterSec = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
    throw new RateLimitedError(`token ${row.id} over ${options.ratePerMin} requests a minute`, retryAfterSec);
  }
  return { tokenId: row.id, name: row.name, scope: row.scope };
}
