import { getDb } from "../db";
import { getEnv } from "../env";
import type { BlockList } from "node:net";
import { authenticateToken, type TokenPrincipal } from "./authenticate-token";
import { clientAddress, parseTrustProxy } from "./client-address";
import type { TokenScope } from "./roles";

// The token's last-used address as sign-in throttling reads a client: the socket's, or a trusted proxy's x-forwarded-for.
let trustProxy: BlockList | null | undefined;
function clientIp(headers: Headers): string {
  if (trustProxy === undefined) {
    const parsed = parseTrustProxy(getEnv().TRUST_PROXY);
    trustProxy = "list" in parsed && parsed.entries.length > 0 ? parsed.list : null;
  }
  return clientAddress({ headers, trustProxy });
}

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
