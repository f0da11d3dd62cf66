import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, disconnectDb } from "../../../lib/db";
import {
  acknowledgeAlert,
  createSilence,
  deliverAlert,
  evaluateRouterAlerts,
  saveChannel,
  saveRuleConfig,
  type EvaluateOutcome,
} from "../../../lib/alerts";
import { Fleet } from "../../../sim/fleet";
import { integrationServices } from "../../support/integration-context";
import { addSimRouter, makePoller } from "../../support/poller-harness";
import { TEST_SECRET_KEY } from "../../support/worker-process";
import { startReceiver } from "./webhook-receiver";

const services = integrationServices();
const prefix = `al-${services.queuePrefix}`;
const SECRET = "alerts-test-secret-0123456789";

// Simulator faults drive the rules end to end: poll over TCP, store, then evaluate at the poll's time.
let fleet: Fleet;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const ids: Record<string, number> = {};
// Time is the simulator's and the evaluations' `t`, never the wall clock: healthy polls get a timeout
// no busy machine reaches, and polls of a router that never answers use a short one (they fail anyway).
const poller = makePoller(getDb(), 30_000);
const failing = makePoller(getDb(), 500);
let t = Date.UTC(2026, 10, 30, 9, 0, 0);
const db = () => getDb();

async function step(name: string, ms = 10_000, via = poller): Promise<{ at: Date; outcome: EvaluateOutcome }> {
  fleet.advance(ms);
  const at = new Date((t += ms));
  const polled = await via.poll(ids[name]!, at);
  expect(["stored", "router_failed"]).toContain(polled.kind);
  return { at, outcome: await evaluateRouterAlerts({ db: db(), routerId: ids[name]!, now: at }) };
}
const eventsOf = async (name: string, rule: "gateway_down" | "imbalance" | "dual_listed", subject?: string) =>
  db().alertEvent.findMany({
    where: { alert: { routerId: ids[name]!, rule, ...(subject === undefined ? {} : { subject }) } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    include: { alert: true },
  });

beforeAll(async () => {
  receiver = await startReceiver();
  fleet = await Fleet.start({
    seed: 5,
    routers: [
      { name: "gw", version: "6.49", clients: 60, listVisibilityDelayMs: 0 },
      { name: "burst", version: "6.49", clients: 150, mix: { browser: 1 }, listVisibilityDelayMs: 40 },
      // Many long streams on the fixed recipe: throughput shares are steady enough to test hysteresis.
      {
        name: "imb",
        version: "6.49",
        clients: 200,
        mix: { streaming: 1 },
        script: readFileSync("sim/exports/seed-nth-fixed.rsc", "utf8"),
        listVisibilityDelayMs: 0,
      },
    ],
    serve: { basePort: 0 },
  });
  fleet.advance(5 * 60_000);
  for (const name of ["gw", "burst", "imb"]) ids[name] = await addSimRouter({ db: db(), fleet, name, prefix });
  await saveRuleConfig({
    db: db(),
    input: {
      routerId: ids.imb,
      rule: "imbalance",
      enabled: true,
      threshold: 0.35,
      clearThreshold: 0.25,
      forSeconds: 60,
      severity: "warning",
    },
  });
  for (const name of ["gw", "burst"])
    await saveRuleConfig({
      db: db(),
      input: { routerId: ids[name], rule: "imbalance", enabled: false, forSeconds: 0, severity: "warning" },
    });
  await saveChannel({
    db: db(),
    secretKey: TEST_SECRET_KEY,
    input: { name: `${prefix}-hook`, kind: "webhook", target: receiver.url, secret: SECRET, enabled: true },
  });
  for (const name of ["gw", "burst", "imb"]) await step(name);
});

afterAll(async () => {
  await poller.sessions.closeAll();
  await failing.sessions.closeAll();
  await fleet?.close();
  await receiver?.close();
  await db().notificationChannel.deleteMany({ where: { name: { startsWith: prefix } } });
  await db().router.deleteMany({ where: { name: { startsWith: prefix } } });
  await disconnectDb();
});

describe("alerts from simulator faults", () => {
  it("gateway down fires once, can be acknowledged, and resolves once when the gateway is back", async () => {
    fleet.fault("gw", { gateway: { wan: "wlan2", state: "down", mode: "link" } });
    const down = await step("gw");
    expect(down.outcome.fired).toBe(1);
    const alert = await db().alert.findFirstOrThrow({ where: { routerId: ids.gw!, rule: "gateway_down" } });
    expect(alert).toMatchObject({ subject: "odd", state: "firing", severity: "critical", openKey: `${ids.gw}:gateway_down:odd` });
    expect(alert.message).toContain("interface wlan2 not running");
    expect(down.outcome.deliveryIds).toHaveLength(1);

    expect((await step("gw")).outcome.fired).toBe(0); // still down: the same alert stays open
    const ack = await acknowledgeAlert({ db: db(), alertId: alert.id, byUserId: null, now: new Date(t + 1) });
    expect(ack).toMatchObject({ state: "acknowledged", changed: true });
    expect((await acknowledgeAlert({ db: db(), alertId: alert.id, byUserId: null, now: new Date(t + 2) })).changed).toBe(false);

    fleet.fault("gw", { gateway: { wan: "wlan2", state: "up", mode: "link" } });
    const up = await step("gw");
    expect(up.outcome.resolved).toBe(1);
    await step("gw");
    const events = await eventsOf("gw", "gateway_down");
    expect(events.map((e) => e.kind)).toEqual(["fired", "acknowledged", "resolved"]);
    const after = await db().alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(after).toMatchObject({ state: "resolved", openKey: null, resolvedAt: up.at });
    expect(after.acknowledgedAt).not.toBeNull();

    // One delivery per transition; each signed and sent once.
    const deliveries = await db().delivery.findMany({ where: { alertEvent: { alertId: alert.id } }, orderBy: { id: "asc" } });
    expect(deliveries).toHaveLength(3);
    for (const d of deliveries)
      expect(
        (await deliverAlert({ db: db(), deliveryId: d.id, secretKey: TEST_SECRET_KEY, now: new Date(), attempt: 1, finalAttempt: false }))
          .result,
      ).toBe("delivered");
    const mine = receiver.received.filter((r) => r.json.router.id === ids.gw);
    expect(mine.map((r) => r.json.events.map((e) => e.kind)).flat()).toEqual(["fired", "acknowledged", "resolved"]);
    expect(mine.every((r) => receiver.verify(r, SECRET))).toBe(true);
    expect(
      (
        await deliverAlert({
          db: db(),
          deliveryId: deliveries[0]!.id,
          secretKey: TEST_SECRET_KEY,
          now: new Date(),
          attempt: 2,
          finalAttempt: false,
        })
      ).result,
    ).toBe("not_pending");
  });

  it("evaluations racing at the same moment open one alert, one event and one delivery per transition", async () => {
    fleet.fault("gw", { gateway: { wan: "wlan2", state: "down", mode: "link" } });
    fleet.advance(10_000);
    const at = new Date((t += 10_000));
    expect((await poller.poll(ids.gw!, at)).kind).toBe("stored");
    const racing = await Promise.all([1, 2, 3].map(() => evaluateRouterAlerts({ db: db(), routerId: ids.gw!, now: at })));
    expect(racing.reduce((n, o) => n + o.fired, 0)).toBe(1);
    expect(racing.flatMap((o) => o.deliveryIds)).toHaveLength(1);
    const open = await db().alert.findMany({
      where: { routerId: ids.gw!, rule: "gateway_down", openKey: { not: null } },
      include: { events: { include: { deliveries: true } } },
    });
    expect(open).toHaveLength(1);
    expect(open[0]!.events.map((e) => [e.kind, e.deliveries.length])).toEqual([["fired", 1]]);

    fleet.fault("gw", { gateway: { wan: "wlan2", state: "up", mode: "link" } });
    const back = await step("gw");
    expect(back.outcome.resolved).toBe(1);
    const again = await Promise.all([1, 2].map(() => evaluateRouterAlerts({ db: db(), routerId: ids.gw!, now: back.at })));
    expect(again.map((o) => o.resolved + o.fired)).toEqual([0, 0]);
    expect((await db().alertEvent.findMany({ where: { alertId: open[0]!.id } })).map((e) => e.kind)).toEqual(["fired", "resolved"]);
  });

  it("a burst that dual-lists clients fires one alert per client, sent as one notification for the router", async () => {
    await step("burst");
    const truth = fleet.truth("burst");
    expect(truth.multiListed.length).toBeGreaterThan(0);
    const open = await db().alert.findMany({ where: { routerId: ids.burst!, rule: "dual_listed", state: "firing" } });
    expect(open.map((a) => a.subject).sort()).toEqual(truth.multiListed.map((m) => m.address).sort());
    const fired = await eventsOf("burst", "dual_listed");
    expect(fired.every((e) => e.kind === "fired")).toBe(true);
    expect(fired).toHaveLength(truth.multiListed.length);

    const deliveries = await db().delivery.findMany({ where: { alertEvent: { alert: { routerId: ids.burst! } } }, orderBy: { id: "asc" } });
    const before = receiver.received.length;
    const results = [];
    for (const d of [...deliveries].reverse())
      results.push(
        (await deliverAlert({ db: db(), deliveryId: d.id, secretKey: TEST_SECRET_KEY, now: new Date(), attempt: 1, finalAttempt: false }))
          .result,
      );
    // One notification per evaluation that changed anything, carrying every client it changed.
    const evaluations = new Set(fired.map((e) => e.at.getTime()));
    expect(results.filter((r) => r === "delivered")).toHaveLength(evaluations.size);
    const sent = receiver.received.slice(before);
    expect(sent).toHaveLength(evaluations.size);
    for (const r of sent) expect(new Set(r.json.events.map((e) => e.at)).size).toBe(1);
    expect(sent.flatMap((r) => r.json.events.map((e) => e.alert.subject)).sort()).toEqual(truth.multiListed.map((m) => m.address).sort());
    expect(await db().delivery.count({ where: { id: { in: deliveries.map((d) => d.id) }, status: "delivered" } })).toBe(deliveries.length);
  });

  it("an imbalance held longer than the duration fires once and resolves once; a shorter one never fires", async () => {
    // A 20 s blip: the condition starts and clears before the 60 s duration.
    fleet.fault("imb", { gateway: { wan: "wlan2", state: "down", mode: "link" } });
    await step("imb");
    await step("imb");
    expect(await db().alertCondition.count({ where: { routerId: ids.imb!, rule: "imbalance", subject: "throughput" } })).toBe(1);
    fleet.fault("imb", { gateway: { wan: "wlan2", state: "up", mode: "link" } });
    await step("imb");
    await step("imb");
    expect(await eventsOf("imb", "imbalance")).toHaveLength(0);
    expect(await db().alertCondition.count({ where: { routerId: ids.imb!, rule: "imbalance" } })).toBe(0);

    fleet.fault("imb", { gateway: { wan: "wlan2", state: "down", mode: "link" } });
    const firedAt: Date[] = [];
    for (let i = 0; i < 9; i++) {
      const s = await step("imb");
      if (s.outcome.fired) firedAt.push(s.at);
    }
    fleet.fault("imb", { gateway: { wan: "wlan2", state: "up", mode: "link" } });
    for (let i = 0; i < 8; i++) await step("imb");
    const events = await eventsOf("imb", "imbalance");
    expect(events.map((e) => `${e.kind}:${e.alert.subject}`)).toEqual(["fired:throughput", "resolved:throughput"]);
    const alert = events[0]!.alert;
    const since = new Date((alert.details as { conditionSince: string }).conditionSince);
    expect(alert.firedAt.getTime() - since.getTime()).toBeGreaterThanOrEqual(60_000);
    expect(alert.message).toMatch(/WAN odd carries 0\.0% of throughput/);
  });

  it("a silence keeps tracking alerts but delivers nothing", async () => {
    const now = new Date(t);
    await createSilence({
      db: db(),
      byUserId: null,
      input: { routerId: ids.gw, rule: "gateway_down", startsAt: now, endsAt: new Date(now.getTime() + 3_600_000), reason: "maintenance" },
    });
    fleet.fault("gw", { gateway: { wan: "wlan2", state: "down", mode: "link" } });
    const down = await step("gw");
    expect(down.outcome).toMatchObject({ fired: 1, silenced: 1, deliveryIds: [] });
    fleet.fault("gw", { gateway: { wan: "wlan2", state: "up", mode: "link" } });
    const up = await step("gw");
    expect(up.outcome).toMatchObject({ resolved: 1, deliveryIds: [] });
    const alert = await db().alert.findFirstOrThrow({ where: { routerId: ids.gw!, rule: "gateway_down" }, orderBy: { id: "desc" } });
    expect(alert.details).toMatchObject({ silenced: { reason: "maintenance" } });
  });

  it("an unreachable router fires after its duration, data-rules keep their state, and staleness is measured in intervals", async () => {
    await saveRuleConfig({
      db: db(),
      input: { routerId: ids.gw, rule: "router_unreachable", enabled: true, forSeconds: 10, severity: "critical" },
    });
    fleet.fault("gw", { unreachable: true });
    expect((await step("gw", 10_000, failing)).outcome.fired).toBe(0);
    expect((await step("gw", 10_000, failing)).outcome.fired).toBe(1);
    const open = await db().alert.findMany({ where: { routerId: ids.gw!, openKey: { not: null } } });
    expect(open.map((a) => a.rule)).toEqual(["router_unreachable"]);
    fleet.fault("gw", { unreachable: false });
    // The next scheduled poll answers, so that evaluation resolves it: one step, not "eventually".
    expect((await step("gw")).outcome.resolved).toBe(1);

    const stale = await evaluateRouterAlerts({ db: db(), routerId: ids.gw!, now: new Date(t + 35_000), rules: ["stale"] });
    expect(stale.fired).toBe(1);
    const back = await step("gw", 40_000);
    expect(back.outcome.resolved).toBe(1);
  });
});
