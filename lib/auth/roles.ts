import { z } from "zod";

// viewer reads; operator also acts on clients; admin also manages routers, users and settings.
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export function hasRole(user: { role: Role }, needed: Role): boolean {
  return ROLES.indexOf(user.role) >= ROLES.indexOf(needed);
}

export type SignedInUser = { id: number; email: string; name: string; role: Role };
