import { z } from "zod";

// viewer reads; operator also acts on clients; admin also manages routers, users and settings.
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export function hasRole(user: { role: Role }, needed: Role): boolean {
  return ROLES.indexOf(user.role) >= ROLES.indexOf(needed);
}

export type SignedInUser = { id: number; email: string; name: string; role: Role };

/** Who acts, for audit rows and action records: a signed-in user, or an API token (id null, email "token:<name>"). */
export type Actor = { id: number | null; email: string; tokenId?: number };

// API tokens carry a scope: `metrics` may only scrape /metrics, the roles read and act as users do.
export const TOKEN_SCOPES = ["metrics", ...ROLES] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const tokenScopeSchema = z.enum(TOKEN_SCOPES);

export function scopeAllows(scope: TokenScope, needed: TokenScope): boolean {
  return TOKEN_SCOPES.indexOf(scope) >= TOKEN_SCOPES.indexOf(needed);
}
