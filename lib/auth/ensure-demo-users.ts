import type { Db } from "../db";
import { createUser, generatePassword } from "./manage-users";
import type { Role } from "./roles";

export const DEMO_USERS: Array<{ email: string; name: string; role: Role }> = [
  { email: "admin@wanscope.demo", name: "Demo admin", role: "admin" },
  { email: "operator@wanscope.demo", name: "Demo operator", role: "operator" },
  { email: "viewer@wanscope.demo", name: "Demo viewer", role: "viewer" },
];

/** Create the demo's three users with fresh passwords; returns only those created now (passwords are shown once). */
export async function ensureDemoUsers({ ctx }: { ctx: { db: Db } }): Promise<Array<{ email: string; role: Role; password: string }>> {
  const created: Array<{ email: string; role: Role; password: string }> = [];
  for (const demo of DEMO_USERS) {
    if (await ctx.db.user.findUnique({ where: { email: demo.email } })) continue;
    const password = generatePassword();
    await createUser({ ctx, input: { ...demo, password } });
    created.push({ email: demo.email, role: demo.role, password });
  }
  return created;
}
