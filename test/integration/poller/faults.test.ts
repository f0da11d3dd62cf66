import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, disconnectDb } from "../../../lib/db";
import { Fleet } from "../../../sim/fleet";
import { integrationServices } from "../../support/integration-context";
import { addSimRouter, makePoller } from "../../support/poller-harness";

const services = integrationServices();
const prefix = `ft-${services.queuePrefix}`;

// Simulator faults drive router status and what is (not) stored; the poller itself never falls over.
// Healthy routers are polled with a timeout no busy machine reaches; a router that never answers (or
// answers long after the timeout) fails whatever the timeout, so those polls may use a short one.
let fleet: Fleet;
const ids: Record<string, number> = {};
const poller = makePoller(getDb(), 30_000);
const failing = makePoller(getDb(), 500);
let t = Date.UTC(2026, 10, 29, 13, 0, 0);
const nextAt = () => new Date((t += 10_000));
const status = async (name: string) => getDb().router.findUniqueOrThrow({ where: { id: ids[name]! } });
/** A few scheduled polls in a row (counted, not timed): the first after a cut may find the connection gone. */
async function pollUntilStored(name: string): Promise<string> {
  let kind = "";
  for (let i = 0; i < 4 && kind !== "stored"; i++) kind = (await poller.poll(ids[name]!, nextAt())).kind;
  return kind;
}

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 21,
    routers: ["down", "auth", "slow", "boot", "gw", "empty", "cut"].map((name) => ({
      name,
      version: name === "empty" ? ("7.19" as const) : ("6.49" as const),
      clients: name === "empty" ? 0 : 60,
      listVisibilityDelayMs: 0,
    })),
    serve: { basePort: 0 },
  });
  fleet.advance(2 * 60_000);
  for (const name of ["down", "auth", "slow", "boot", "gw", "empty", "cut"])
    ids[name] = await addSimRouter({ db: getDb(), fleet, name, prefix });
  for (const name of Object.keys(ids)) expect((await poller.poll(ids[name]!, nextAt())).kind).toBe("stored");
});

afterAll(async () => {
  await poller.sessions.closeAll();
  await failing.sessions.closeAll();
  await fleet?.close();
  await getDb().router.deleteMany({ where: { name: { startsWith: prefix } } });
  await disconnectDb();
});

describe("router faults", () => {
  it("an unreachable router is marked unreachable with its error, then ok again when it answers", async () => {
    fleet.fault("down", { unreachable: true });
    const outcome = await failing.poll(ids.down!, nextAt());
    expect(outcome.kind).toBe("router_failed");
    const failed = await status("down");
    // The simulator accepts the connection and never answers: reachable but silent, so timed out.
    expect(failed.status).toBe("timed_out");
    expect(failed.lastError).toMatch(/^router timed out after 500 ms/);
    const since = failed.statusSince;
    await failing.poll(ids.down!, nextAt());
    expect((await status("down")).statusSince).toEqual(since); // same status: since does not move
    fleet.fault("down", { unreachable: false });
    expect((await poller.poll(ids.down!, nextAt())).kind).toBe("stored");
    expect((await status("down")).status).toBe("ok");
  });

  it("a wrong password is auth_failed, not unreachable", async () => {
    fleet.fault("auth", { wrongPassword: true });
    await poller.sessions.drop(String(ids.auth)); // a fresh login, as after a router restart
    expect((await poller.poll(ids.auth!, nextAt())).kind).toBe("router_failed");
    const row = await status("auth");
    expect(row.status).toBe("auth_failed");
    expect(row.lastError).toMatch(/login failed/);
    expect(row.lastError).not.toContain(fleet.get("auth").password);
    fleet.fault("auth", { wrongPassword: false });
  });

  it("a router slower than the command timeout is timed_out, from the second poll on too; the others are not held up", async () => {
    // One session manager for both routers, as in a worker; the slow one answers after 20 s, far past 3 s.
    const shared = makePoller(getDb(), 3_000);
    try {
      expect((await shared.poll(ids.slow!, nextAt())).kind).toBe("stored"); // its session is up before it turns slow
      fleet.fault("slow", { slowMs: 20_000 });
      const settled: string[] = [];
      const [slow, fine] = await Promise.all([
        shared.poll(ids.slow!, nextAt()).finally(() => settled.push("slow")),
        shared.poll(ids.gw!, nextAt()).finally(() => settled.push("gw")),
      ]);
      expect(slow.kind).toBe("router_failed");
      expect(fine.kind).toBe("stored");
      expect(settled).toEqual(["gw", "slow"]);
      expect(await status("slow")).toMatchObject({
        status: "timed_out",
        lastError: expect.stringMatching(/^router timed out after 3000 ms/),
      });
      // The stalled connection was dropped; the next poll's login gets no answer either: still slow, not unreachable.
      expect((await shared.poll(ids.slow!, nextAt())).kind).toBe("router_failed");
      expect(await status("slow")).toMatchObject({
        status: "timed_out",
        lastError: expect.stringMatching(/^router timed out after 3000 ms \(127\.0\.0\.1:\d+ \/login\)/),
      });
    } finally {
      fleet.fault("slow", { slowMs: 0 });
      await shared.sessions.closeAll();
    }
  });

  it("a reboot is detected: counters reset give no rates, dynamic lists are empty, then rates resume", async () => {
    fleet.fault("boot", { reboot: true });
    fleet.advance(1000);
    expect(await pollUntilStored("boot")).toBe("stored");
    const db = getDb();
    const sample = await db.routerSample.findFirstOrThrow({ where: { routerId: ids.boot! }, orderBy: { ts: "desc" } });
    expect(sample.rebooted).toBe(true);
    const wanSamples = await db.wanSample.findMany({ where: { routerId: ids.boot!, ts: sample.ts } });
    expect(wanSamples.every((w) => w.rxBps === null)).toBe(true);
    const truth = fleet.truth("boot");
    expect(await db.clientMembership.count({ where: { routerId: ids.boot! } })).toBe(Object.values(truth.lists).flat().length);
    fleet.advance(10_000);
    await poller.poll(ids.boot!, nextAt());
    const after = await db.wanSample.findMany({ where: { routerId: ids.boot! }, orderBy: { ts: "desc" }, take: 2 });
    expect(after.some((w) => w.rxBps !== null)).toBe(true);
  });

  it("a gateway going down shows as its WAN's route inactive and interface not running", async () => {
    fleet.fault("gw", { gateway: { wan: "wlan2", state: "down", mode: "link" } });
    fleet.advance(1000);
    const at = nextAt();
    expect((await poller.poll(ids.gw!, at)).kind).toBe("stored");
    const db = getDb();
    const odd = await db.wan.findFirstOrThrow({ where: { routerId: ids.gw!, name: "odd" } });
    const even = await db.wan.findFirstOrThrow({ where: { routerId: ids.gw!, name: "even" } });
    const oddSample = await db.wanSample.findUniqueOrThrow({ where: { wanId_ts: { wanId: odd.id, ts: at } } });
    const evenSample = await db.wanSample.findUniqueOrThrow({ where: { wanId_ts: { wanId: even.id, ts: at } } });
    expect(oddSample).toMatchObject({ routeActive: false, running: false });
    expect(evenSample).toMatchObject({ routeActive: true, running: true });
    fleet.fault("gw", { gateway: { wan: "wlan2", state: "up", mode: "link" } });
  });

  it("a RouterOS 7.18+ router with empty lists (!empty replies) polls fine", async () => {
    const outcome = await poller.poll(ids.empty!, nextAt());
    expect(outcome.kind).toBe("stored");
    expect(await getDb().clientMembership.count({ where: { routerId: ids.empty! } })).toBe(0);
  });

  it("a connection dropped in the middle of a reply loses nothing: the poll is retried or the next one stores", async () => {
    fleet.fault("cut", { dropMidReply: true });
    const first = await poller.poll(ids.cut!, nextAt());
    expect(["stored", "router_failed"]).toContain(first.kind);
    fleet.fault("cut", { dropMidReply: false });
    expect(await pollUntilStored("cut")).toBe("stored");
    const truth = fleet.truth("cut");
    expect(await getDb().clientMembership.count({ where: { routerId: ids.cut! } })).toBe(Object.values(truth.lists).flat().length);
  });
});
