import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runClientAction } from "../../../lib/actions";
import { evaluateRouterAlerts } from "../../../lib/alerts";
import { disconnectDb, getDb } from "../../../lib/db";
import { routerConnectionSettings } from "../../../lib/routers/router-connection";
import { readClientEntries } from "../../../lib/routeros";
import { correctWans } from "../../../lib/routers";
import { Fleet } from "../../../sim/fleet";
import { integrationServices } from "../../support/integration-context";
import { addSimRouter, makePoller, quietLog } from "../../support/poller-harness";
import { TEST_SECRET_KEY } from "../../support/worker-process";

// What the poll stores of each list membership: whether the router's entry is static or dynamic and
// its .id (a static entry from the router's own configuration, one made by a pin), and memberships of
// a list that stopped being a WAN list of the router.
const services = integrationServices();
const prefix = `mem-${services.queuePrefix}`;
const STATIC_ADDRESS = "192.168.0.250";
const script = `${readFileSync("sim/exports/seed-nth.rsc", "utf8")}
/ ip firewall address-list
add list=odd address=${STATIC_ADDRESS} comment="kept on odd by the router's configuration"
`;
let fleet: Fleet;
const ids: Record<string, number> = {};
const poller = makePoller(getDb());
let t = Date.UTC(2026, 10, 30, 12, 0, 0);
const db = () => getDb();

async function poll(name: string): Promise<Date> {
  fleet.advance(10_000);
  const at = new Date((t += 10_000));
  expect((await poller.poll(ids[name]!, at)).kind).toBe("stored");
  return at;
}
async function routerEntries(name: string, address: string) {
  const router = await db().router.findUniqueOrThrow({ where: { id: ids[name]! } });
  const session = poller.sessions.get(String(router.id), routerConnectionSettings(router, TEST_SECRET_KEY));
  return readClientEntries({ client: session, address, lists: ["odd", "even"] });
}
const stored = (name: string, address: string) =>
  db().clientMembership.findMany({ where: { routerId: ids[name]!, address }, orderBy: { list: "asc" } });

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 12,
    routers: [
      { name: "cfg", version: "6.49", clients: 30, script, listVisibilityDelayMs: 0 },
      { name: "dual", version: "7.19", clients: 150, mix: { browser: 1 }, listVisibilityDelayMs: 40 },
    ],
    serve: { basePort: 0 },
  });
  fleet.advance(3 * 60_000);
  for (const name of ["cfg", "dual"]) ids[name] = await addSimRouter({ db: db(), fleet, name, prefix });
  for (const name of ["cfg", "dual"]) await poll(name);
});

afterAll(async () => {
  await poller.sessions.closeAll();
  await fleet?.close();
  await db().router.deleteMany({ where: { name: { startsWith: prefix } } });
  await disconnectDb();
});

describe("list memberships as stored", () => {
  it("a static entry from the router's configuration is stored as static with its .id, a dynamic one as dynamic", async () => {
    const [entry] = await routerEntries("cfg", STATIC_ADDRESS);
    expect(entry).toMatchObject({ list: "odd", dynamic: false });
    expect(await stored("cfg", STATIC_ADDRESS)).toMatchObject([{ list: "odd", dynamic: false, entryId: entry!.id }]);

    const dynamicAddress = fleet.truth("cfg").lists.even![0]!;
    const [dynamicEntry] = await routerEntries("cfg", dynamicAddress);
    expect(dynamicEntry).toMatchObject({ list: "even", dynamic: true });
    expect(await stored("cfg", dynamicAddress)).toMatchObject([{ list: "even", dynamic: true, entryId: dynamicEntry!.id }]);
  });

  it("a client pinned where it is turns static with the pin's entry at the next poll", async () => {
    const multi = new Set(fleet.truth("cfg").multiListed.map((m) => m.address));
    const address = fleet.truth("cfg").lists.even!.find((a) => !multi.has(a))!;
    expect(await stored("cfg", address)).toMatchObject([{ list: "even", dynamic: true }]);
    const action = await db().clientAction.create({
      data: { routerId: ids.cfg!, address, kind: "pin", targetList: "even", requestedBy: 0 },
    });
    const outcome = await runClientAction({
      ctx: { db: db(), sessions: poller.sessions, secretKey: TEST_SECRET_KEY, log: quietLog },
      input: { actionId: action.id, attempt: 1, finalAttempt: true },
    });
    expect(outcome.status).toBe("done");
    const [pin] = await routerEntries("cfg", address);
    expect(pin).toMatchObject({ list: "even", dynamic: false });

    await poll("cfg");
    expect(await stored("cfg", address)).toMatchObject([{ list: "even", dynamic: false, entryId: pin!.id }]);
    // The membership itself did not change, so no event was written for it.
    expect(await db().clientEvent.count({ where: { routerId: ids.cfg!, address, ts: { gt: new Date(t - 10_000) } } })).toBe(0);
  });

  it("renaming a WAN's list ends memberships of the old list with the reason, and their dual-listed alerts resolve", async () => {
    const truth = fleet.truth("dual");
    expect(truth.multiListed.length).toBeGreaterThan(0);
    const firing = await evaluateRouterAlerts({ db: db(), routerId: ids.dual!, now: new Date(t) });
    expect(firing.fired).toBe(truth.multiListed.length);
    const oddMembers = truth.lists.odd!.length;

    const wans = await db().wan.findMany({ where: { routerId: ids.dual! }, orderBy: { position: "asc" } });
    await correctWans({
      ctx: { db: db() },
      user: { id: null, email: "test" },
      input: {
        routerId: ids.dual!,
        wans: wans.map((w) => ({
          id: w.id,
          expectedWeight: w.expectedWeight,
          interface: w.interface,
          addressList: w.addressList === "odd" ? "odd-renamed" : (w.addressList ?? ""),
          gateway: w.gateway ?? "",
        })),
      },
    });
    const at = await poll("dual");
    expect(await db().clientMembership.count({ where: { routerId: ids.dual!, list: "odd" } })).toBe(0);
    const ended = await db().clientEvent.findMany({ where: { routerId: ids.dual!, ts: at, kind: "left", fromList: "odd" } });
    expect(ended.length).toBeGreaterThanOrEqual(oddMembers);
    expect(ended.every((e) => e.reason === "list_removed")).toBe(true);
    expect(await db().client.count({ where: { routerId: ids.dual!, dualListedSince: { not: null } } })).toBe(0);

    const resolved = await evaluateRouterAlerts({ db: db(), routerId: ids.dual!, now: at });
    expect(resolved.resolved).toBe(truth.multiListed.length);
    expect(await db().alert.count({ where: { routerId: ids.dual!, rule: "dual_listed", openKey: { not: null } } })).toBe(0);
  });
});
