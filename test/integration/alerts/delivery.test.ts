import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, disconnectDb } from "../../../lib/db";
import { saveChannel, saveRuleConfig } from "../../../lib/alerts";
import { Fleet } from "../../../sim/fleet";
import { integrationServices, useOwnDatabase } from "../../support/integration-context";
import { addSimRouter } from "../../support/poller-harness";
import { startWorkerProcess, TEST_SECRET_KEY, waitFor } from "../../support/worker-process";
import type { TestDatabase } from "../../support/services";
import { startReceiver } from "./webhook-receiver";

const services = integrationServices();
const SECRET = "delivery-test-secret-0123456789";

// A real worker polls a simulated router, evaluates alerts after each poll and delivers them to a
// webhook receiver: exactly one signed request per transition, across a worker crash and while
// the receiver is down for a while.
describe("alert delivery by a worker process", () => {
  const prefix = `${services.queuePrefix}_alerts`;
  let own: TestDatabase;
  let fleet: Fleet;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let routerId = 0;

  beforeAll(async () => {
    own = await useOwnDatabase();
    receiver = await startReceiver();
    fleet = await Fleet.start({
      seed: 8,
      routers: [{ name: "r", version: "7.19", clients: 30, listVisibilityDelayMs: 0 }],
      serve: { basePort: 0 },
    });
    fleet.startRealTime();
    routerId = await addSimRouter({ db: getDb(), fleet, name: "r", prefix, pollIntervalSec: 2 });
    // Only the gateway rule matters here; the others would add their own (correct) deliveries.
    for (const rule of ["imbalance", "dual_listed", "unmarked_share", "stale"] as const)
      await saveRuleConfig({ db: getDb(), input: { rule, enabled: false, forSeconds: 0, severity: "warning" } });
    await saveChannel({
      db: getDb(),
      secretKey: TEST_SECRET_KEY,
      input: { name: "hook", kind: "webhook", target: receiver.url, secret: SECRET, enabled: true },
    });
  });
  afterAll(async () => {
    await fleet?.close();
    await receiver?.close();
    await disconnectDb();
    await own?.drop();
  });

  const eventsOf = () =>
    getDb().alertEvent.findMany({ where: { alert: { routerId } }, orderBy: { id: "asc" }, include: { alert: true, deliveries: true } });

  it("sends one signed request per transition, survives a worker crash and a receiver outage", async () => {
    let worker = startWorkerProcess({
      databaseUrl: own.url,
      redisUrl: services.redisUrl,
      queuePrefix: prefix,
      extraEnv: { POLL_TIMEOUT_MS: "1500" },
    });
    try {
      await waitFor(async () => (await getDb().router.findUniqueOrThrow({ where: { id: routerId } })).status === "ok", {
        timeoutMs: 30_000,
        what: "first poll",
      });
      fleet.fault("r", { gateway: { wan: "wlan2", state: "down", mode: "link" } });
      await waitFor(async () => receiver.received.length >= 1, { timeoutMs: 30_000, what: "the fired notification" });
      expect(receiver.received[0]!.json.events.map((e) => [e.kind, e.alert.rule, e.alert.subject])).toEqual([
        ["fired", "gateway_down", "odd"],
      ]);

      // Receiver down, then the gateway comes back: the resolved notification fails and is retried.
      await receiver.down();
      fleet.fault("r", { gateway: { wan: "wlan2", state: "up", mode: "link" } });
      const failing = await waitFor(
        async () =>
          (await eventsOf()).find(
            (e) => e.kind === "resolved" && e.deliveries[0] && e.deliveries[0].attempts >= 1 && e.deliveries[0].status === "pending",
          ),
        { timeoutMs: 30_000, what: "a failed attempt at the resolved notification" },
      );
      expect(failing.deliveries[0]!.lastError).toMatch(/ECONNREFUSED|request failed/);

      // The worker dies; a new one picks the retry up from the queue store once the receiver is back.
      worker.child.kill("SIGKILL");
      await worker.exited;
      worker = startWorkerProcess({
        databaseUrl: own.url,
        redisUrl: services.redisUrl,
        queuePrefix: prefix,
        extraEnv: { POLL_TIMEOUT_MS: "1500" },
      });
      // Up again once the new worker runs: every retry before that backs off further (1, 2, 4 s…).
      await waitFor(async () => worker.output.some((l) => l.includes('"event":"worker.started"')), {
        timeoutMs: 45_000,
        what: "the new worker to start",
      });
      await receiver.up();
      await waitFor(async () => receiver.received.length >= 2, { timeoutMs: 60_000, what: "the resolved notification after the outage" });
      await new Promise((r) => setTimeout(r, 3000)); // nothing more may arrive

      const events = await eventsOf();
      expect(events.map((e) => e.kind)).toEqual(["fired", "resolved"]);
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received.map((r) => r.json.events[0]!.id)).toEqual(events.map((e) => String(e.id)));
      for (const r of receiver.received) expect(receiver.verify(r, SECRET)).toBe(true);
      const resolved = events[1]!.deliveries[0]!;
      expect(resolved.status).toBe("delivered");
      expect(resolved.attempts).toBeGreaterThanOrEqual(2);
      const log = resolved.attemptLog as { ok: boolean; error: string | null }[];
      expect(log.at(-1)!.ok).toBe(true);
      expect(log.slice(0, -1).every((a) => !a.ok && a.error)).toBe(true);
    } finally {
      await worker.stop();
      fleet.fault("r", { gateway: { wan: "wlan2", state: "up", mode: "link" } });
    }
    // Two worker starts, a crash and retries that back off: on a loaded CI machine this takes
    // well over the default minute, and every step has its own bounded wait above.
  }, 240_000);
});
