import type { Db } from "../db";
import { NotFoundError } from "../errors";
import { routerConnectionSettings } from "../routers/router-connection";
import { wanListsOf } from "../metrics/wan-lists";
import { countClientConnections, type RouterSessionManager } from "../routeros";
import { readMembership, type Membership } from "./apply-membership";

/** What a move would change, read live from the router: the client's entries and how many connections a drop removes. */
export async function previewClient({
  ctx,
  input,
}: {
  ctx: { db: Db; sessions: RouterSessionManager; secretKey: Buffer };
  input: { routerId: number; address: string };
}): Promise<{ membership: Membership; connections: number }> {
  const router = await ctx.db.router.findUnique({ where: { id: input.routerId }, include: { wans: true } });
  if (!router) throw new NotFoundError("router");
  const session = ctx.sessions.get(String(router.id), routerConnectionSettings(router, ctx.secretKey));
  const [membership, connections] = await Promise.all([
    readMembership({ client: session, address: input.address, wanLists: wanListsOf(router.wans) }),
    countClientConnections({ client: session, address: input.address }),
  ]);
  return { membership, connections };
}
