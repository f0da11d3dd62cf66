import type { Db } from "../db";
import { hashToken } from "./session-token";

export async function signOut({ ctx, input }: { ctx: { db: Db }; input: { token: string } }): Promise<void> {
  await ctx.db.userSession.deleteMany({ where: { tokenHash: hashToken(input.token) } });
}
