import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, disconnectDb } from "../../../lib/db";
import { checkFleetAlerts, openKeyOf } from "../../../lib/alerts";
import { useOwnDatabase } from "../../support/integration-context";
import type { TestDatabase } from "../../support/services";

// The fleet-wide check reads the whole fleet and evaluates only routers that could change: it must
// still fire for a stale router, leave healthy ones alone and resolve what a disabled router left open.
// Its own database: the check looks at every router there is.
let own: TestDatabase;
const now = new Date(Date.now() + 3_600_000); // ahead of every row's created_at/updated_at
const before = (sec: number) => new Date(now.getTime() - sec * 1000);
const ids: Record<"stale" | "fresh" | "disabled", number> = { stale: 0, fresh: 0, disabled: 0 };

beforeAll(async () => {
  own = await useOwnDatabase();
  const db = getDb();
  for (const name of ["stale", "fresh", "disabled"] as const) {
    const r = await db.router.create({
      data: { name, host: "127.0.0.1", username: "u", passwordEnc: "x", pollIntervalSec: 10, status: "ok", enabled: name !== "disabled" },
    });
    ids[name] = r.id;
  }
  // Last attempts (updated_at is @updatedAt, so it is set here in SQL): 60 s = 6 intervals; 5 s = half of one.
  await db.$executeRaw`UPDATE routers SET last_poll_at = ${before(60)}, updated_at = ${before(60)} WHERE id IN (${ids.stale}, ${ids.disabled})`;
  await db.$executeRaw`UPDATE routers SET last_poll_at = ${before(5)}, updated_at = ${before(5)} WHERE id = ${ids.fresh}`;
  await db.alert.create({
    data: {
      routerId: ids.disabled,
      rule: "gateway_down",
      subject: "odd",
      openKey: openKeyOf(ids.disabled, "gateway_down", "odd"),
      state: "firing",
      severity: "critical",
      message: "down",
      firedAt: before(120),
    },
  });
});
afterAll(async () => {
  await disconnectDb();
  await own?.drop();
});

describe("checkFleetAlerts", () => {
  it("fires stale for the stale router only, resolves a disabled router's open alert, and repeats as a no-op", async () => {
    const first = await checkFleetAlerts({ db: getDb(), now });
    expect(first).toMatchObject({ routers: 3, fired: 1, resolved: 1 });
    const open = await getDb().alert.findMany({ where: { openKey: { not: null } }, select: { routerId: true, rule: true } });
    expect(open).toEqual([{ routerId: ids.stale, rule: "stale" }]);
    expect(await checkFleetAlerts({ db: getDb(), now })).toMatchObject({ fired: 0, resolved: 0 });
  });
});
