import type { Db } from "../db";
import { resolveRuleSettings } from "../alerts/settings/resolve-rule-settings";
import { RULE_KINDS } from "../alerts/rules";

/** Everything the alert settings page shows: effective fleet rules, overrides, silences, channels. */
export async function getAlertSettings(options: { db: Db; now: Date }) {
  const { db, now } = options;
  const [configs, routers, silences, channels] = await Promise.all([
    db.alertRuleConfig.findMany({ orderBy: [{ scopeKey: "asc" }, { rule: "asc" }], include: { router: { select: { name: true } } } }),
    db.router.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.silence.findMany({
      where: { endsAt: { gt: new Date(now.getTime() - 7 * 86_400_000) } },
      orderBy: { startsAt: "desc" },
      include: { router: { select: { name: true } } },
      take: 200,
    }),
    db.notificationChannel.findMany({
      orderBy: { name: "asc" },
      select: { id: true, name: true, kind: true, target: true, enabled: true, secretEnc: true, createdAt: true },
    }),
  ]);
  const creatorIds = [...new Set(silences.map((s) => s.createdBy).filter((id): id is number => id !== null))];
  const creators = new Map(
    (await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]),
  );
  const fleet = RULE_KINDS.map((rule) => {
    const row = configs.find((c) => c.scopeKey === "fleet" && c.rule === rule) ?? null;
    return { rule, row, effective: resolveRuleSettings({ rule, fleet: row }) };
  });
  const overrides = configs
    .filter((c) => c.scopeKey !== "fleet")
    .map((c) => ({ ...c, routerName: c.router?.name ?? `router ${c.routerId}` }));
  return {
    fleet,
    overrides,
    routers,
    silences: silences.map((s) => ({
      ...s,
      routerName: s.router?.name ?? null,
      createdByEmail: s.createdBy === null ? null : (creators.get(s.createdBy) ?? `user #${s.createdBy}`),
      active: s.startsAt <= now && now < s.endsAt,
    })),
    // The secret itself never leaves the server; the page only says whether one is set.
    channels: channels.map(({ secretEnc, ...c }) => ({ ...c, signed: secretEnc !== null })),
  };
}
