import { getDb } from "../db";
import { getEnv } from "../env";
import { authenticateToken, clientIp, type TokenPrincipal } from "./authenticate-token";
import type { TokenScope } from "./roles";

/** For /api/v1 and /metrics route handlers: the request's bearer token, with at least `scope`. */
export async function requireToken(options: { request: Request; scope: TokenScope; now?: Date }): Promise<TokenPrincipal> {
  return authenticateToken({
    db: getDb(),
    authorization: options.request.headers.get("authorization"),
    needed: options.scope,
    ip: clientIp(options.request.headers),
    now: options.now ?? new Date(),
    ratePerMin: getEnv().API_RATE_LIMIT_PER_MIN,
  });
}
