import { afterAll, beforeAll, expect, it } from "vitest";
import { auditSnapshot, emptyEvidence } from "../../../lib/config-audit";
import { snapshotFromExport } from "../../../lib/config-audit/fixtures/snapshots";
import { saveConfigSnapshot, storeFindings } from "../../../lib/config-audit/store";
import { disconnectDb, getDb } from "../../../lib/db";
import { listConfigFleet } from "../../../lib/queries/config-findings";
import { addRouter } from "../../../lib/routers";
import { pccExport, SEED_V6 } from "../../../lib/routeros/fixtures/export-rows";
import { integrationServices } from "../../support/integration-context";
import { TEST_SECRET_KEY } from "../../support/worker-process";

// The fleet view of configuration findings: which routers have which finding, the worst first.
const services = integrationServices();
const prefix = `cff-${services.queuePrefix}`;
const now = new Date("2026-12-01T12:00:00Z");
const ids: Record<string, number> = {};

const CONFIGS = {
  seed: SEED_V6,
  "no-masq": pccExport(3).replace("add chain=srcnat out-interface=wan2 action=masquerade\n", ""),
  pcc: pccExport(3),
  timeouts: pccExport(3).replace("address-list=wan2 address-list-timeout=1d", "address-list=wan2 address-list-timeout=5s"),
};

beforeAll(async () => {
  const db = getDb();
  for (const [name, script] of Object.entries(CONFIGS)) {
    const router = await addRouter({
      db,
      secretKey: TEST_SECRET_KEY,
      input: { name: `${prefix}-${name}`, host: "127.0.0.1", port: 1, username: "u", password: "p", pollIntervalSec: 10 },
    });
    ids[name] = router.id;
    const snapshot = snapshotFromExport(script);
    await saveConfigSnapshot({ db, routerId: router.id, snapshot, now });
    await storeFindings({ db, routerId: router.id, report: auditSnapshot({ snapshot, evidence: emptyEvidence({ now }) }), now });
  }
});

afterAll(async () => {
  await getDb().router.deleteMany({ where: { name: { startsWith: prefix } } });
  await disconnectDb();
});

const mine = (rows: { name: string }[]) => rows.map((r) => r.name.slice(prefix.length + 1)).filter((n) => n in CONFIGS);

it("puts the worst routers first: most critical, then most warnings", async () => {
  const fleet = await listConfigFleet({ db: getDb(), sort: "worst" });
  expect(mine(fleet.rows)).toEqual(["seed", "no-masq", "timeouts", "pcc"]);
  const seed = fleet.rows.find((r) => r.routerId === ids.seed)!;
  expect(seed).toMatchObject({ critical: 1, warning: 3, info: 0 });
  expect(seed.codes["nth-skew"]?.severity).toBe("critical");
});

it("sorts by one finding's column and filters to the routers that have it", async () => {
  const byCode = await listConfigFleet({ db: getDb(), sort: "wan-without-srcnat" });
  expect(mine(byCode.rows)[0]).toBe("no-masq");
  const only = await listConfigFleet({ db: getDb(), sort: "name", code: "list-timeout" });
  expect(mine(only.rows)).toEqual(["timeouts"]);
});

it("keeps when a finding was first seen across audits", async () => {
  const db = getDb();
  const snapshot = snapshotFromExport(CONFIGS.seed);
  const later = new Date(now.getTime() + 3_600_000);
  await storeFindings({
    db,
    routerId: ids.seed!,
    report: auditSnapshot({ snapshot, evidence: emptyEvidence({ now: later }) }),
    now: later,
  });
  const row = await db.configFinding.findUniqueOrThrow({
    where: { routerId_code_subject: { routerId: ids.seed!, code: "nth-skew", subject: "" } },
  });
  expect(row.firstSeenAt).toEqual(now);
  expect(row.auditedAt).toEqual(later);
});
