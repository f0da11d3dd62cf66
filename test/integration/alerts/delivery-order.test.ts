import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverAlert, saveChannel } from "../../../lib/alerts";
import { disconnectDb, getDb } from "../../../lib/db";
import { integrationServices } from "../../support/integration-context";
import { TEST_SECRET_KEY } from "../../support/worker-process";
import { startReceiver } from "./webhook-receiver";

// After a receiver outage every delivery backs off on its own, so a later transition's job can run
// first. The receiver must still see an alert's transitions in order, each once, numbered.
const services = integrationServices();
const prefix = `dord-${services.queuePrefix}`;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let channelId = 0;
let routerId = 0;
const db = () => getDb();
const deliver = (id: bigint) =>
  deliverAlert({ db: db(), deliveryId: id, secretKey: TEST_SECRET_KEY, now: new Date(), attempt: 2, finalAttempt: false });

/** An alert that fired and resolved, with one pending delivery per transition on the test channel. */
async function firedAndResolved(subject: string): Promise<{ fired: bigint; resolved: bigint }> {
  const at = new Date(Date.UTC(2026, 10, 30, 10, 0, 0));
  const alert = await db().alert.create({
    data: {
      routerId,
      rule: "gateway_down",
      subject,
      state: "resolved",
      severity: "critical",
      message: `WAN ${subject} down`,
      firedAt: at,
      resolvedAt: new Date(at.getTime() + 60_000),
    },
  });
  const ids: bigint[] = [];
  for (const [kind, t] of [
    ["fired", at],
    ["resolved", new Date(at.getTime() + 60_000)],
  ] as const) {
    const event = await db().alertEvent.create({ data: { alertId: alert.id, kind, at: t } });
    ids.push((await db().delivery.create({ data: { channelId, alertEventId: event.id } })).id);
  }
  return { fired: ids[0]!, resolved: ids[1]! };
}
const kindsAndSequences = (subject: string) =>
  receiver.received
    .flatMap((r) => r.json.events)
    .filter((e) => e.alert.subject === subject)
    .map((e) => `${e.sequence}:${e.kind}`);

beforeAll(async () => {
  receiver = await startReceiver();
  channelId = (
    await saveChannel({
      db: db(),
      secretKey: TEST_SECRET_KEY,
      input: { name: `${prefix}-hook`, kind: "webhook", target: receiver.url, secret: "s3cret-order", enabled: true },
    })
  ).id;
  routerId = (await db().router.create({ data: { name: `${prefix}-r`, host: "127.0.0.1", username: "u", passwordEnc: "v1:x:x:x" } })).id;
});

afterAll(async () => {
  await receiver?.close();
  await db().notificationChannel.deleteMany({ where: { name: { startsWith: prefix } } });
  await db().router.deleteMany({ where: { name: { startsWith: prefix } } });
  await disconnectDb();
});

describe("webhook order per channel and alert", () => {
  it("a resolved transition whose job runs first carries the pending fired one before it", async () => {
    const { fired, resolved } = await firedAndResolved("odd");
    expect((await deliver(resolved)).result).toBe("delivered");
    expect(kindsAndSequences("odd")).toEqual(["1:fired", "2:resolved"]);
    expect((await deliver(fired)).result).toBe("not_pending");
    expect(kindsAndSequences("odd")).toEqual(["1:fired", "2:resolved"]);
    const rows = await db().delivery.findMany({ where: { id: { in: [fired, resolved] } } });
    expect(rows.map((r) => r.status)).toEqual(["delivered", "delivered"]);
  });

  it("two jobs of one alert running at once send each transition once, in order", async () => {
    const { fired, resolved } = await firedAndResolved("even");
    const outcomes = await Promise.all([deliver(resolved), deliver(fired)]);
    expect(outcomes.map((o) => o.result).sort()).toEqual(["delivered", "not_pending"]);
    expect(kindsAndSequences("even")).toEqual(["1:fired", "2:resolved"]);
  });
});
