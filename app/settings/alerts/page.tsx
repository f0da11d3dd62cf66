import Link from "next/link";
import { ChannelForm, IdButton, RuleForm, SilenceForm } from "@/components/alerts/settings-forms";
import { FLAG_RULES, RULE_HELP, RULE_LABEL } from "@/lib/alerts/rules";
import { getDb } from "@/lib/db";
import { formatTimestamp } from "@/lib/format";
import { getAlertSettings } from "@/lib/queries/alerts-settings";
import {
  createSilenceAction,
  deleteChannelAction,
  deleteRuleAction,
  endSilenceAction,
  saveChannelAction,
  saveRuleAction,
  testChannelAction,
} from "./actions";
import { requirePageUser } from "@/lib/auth/request";

export const dynamic = "force-dynamic";

const fmt = (rule: string, v: number) => (rule === "stale" ? `${v} intervals` : `${Math.round(v * 1000) / 10}%`);

export default async function AlertSettingsPage() {
  await requirePageUser("admin");
  const now = new Date();
  const settings = await getAlertSettings({ db: getDb(), now });
  return (
    <>
      <section className="panel">
        <div className="row between">
          <h1>Alert settings</h1>
          <Link href="/alerts">← Alerts</Link>
        </div>
        <h2>Rules (fleet defaults)</h2>
        <div className="table-scroll">
          <table data-testid="rules-table">
            <thead>
              <tr>
                <th>Rule</th>
                <th>Enabled</th>
                <th>Fires at</th>
                <th>Clears below</th>
                <th>For</th>
                <th>Severity</th>
                <th>Source</th>
              </tr>
            </thead>
            <tbody>
              {settings.fleet.map(({ rule, row, effective }) => (
                <tr key={rule} data-testid="rule-row" data-rule={rule}>
                  <td>
                    {RULE_LABEL[rule]}
                    <div className="muted small">{RULE_HELP[rule]}</div>
                  </td>
                  <td>{effective.enabled ? "yes" : "no"}</td>
                  <td>{FLAG_RULES.has(rule) ? "—" : fmt(rule, effective.threshold)}</td>
                  <td>{FLAG_RULES.has(rule) ? "—" : fmt(rule, effective.clearThreshold)}</td>
                  <td>{effective.forSeconds} s</td>
                  <td>{effective.severity}</td>
                  <td>
                    {row ? (
                      <>
                        fleet setting <IdButton action={deleteRuleAction} id={row.id} label="Reset" testId={`reset-rule-${rule}`} />
                      </>
                    ) : (
                      "built-in"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>Per-router overrides</h2>
        {settings.overrides.length === 0 ? (
          <p className="empty-state">No router overrides: every router uses the fleet defaults.</p>
        ) : (
          <table data-testid="overrides-table">
            <thead>
              <tr>
                <th>Router</th>
                <th>Rule</th>
                <th>Enabled</th>
                <th>Threshold</th>
                <th>Clear</th>
                <th>For</th>
                <th>Severity</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {settings.overrides.map((o) => (
                <tr key={o.id} data-testid="override-row">
                  <td>{o.routerName}</td>
                  <td>{RULE_LABEL[o.rule]}</td>
                  <td>{o.enabled ? "yes" : "no"}</td>
                  <td>{o.threshold ?? "inherit"}</td>
                  <td>{o.clearThreshold ?? "inherit"}</td>
                  <td>{o.forSeconds} s</td>
                  <td>{o.severity}</td>
                  <td>
                    <IdButton action={deleteRuleAction} id={o.id} label="Remove" testId={`remove-override-${o.id}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Set a default or an override</h3>
        <p className="muted small">
          Shares are 0–1 (0.15 = 15%); staleness is in poll intervals. Empty thresholds inherit; the alert fires when the value stays at or
          above the threshold for the given seconds and clears below the clear threshold.
        </p>
        <RuleForm action={saveRuleAction} routers={settings.routers} />
      </section>

      <section className="panel">
        <h2>Silences</h2>
        <p className="muted small">During a silence alerts are still tracked and shown, but no notification is sent.</p>
        {settings.silences.length === 0 ? (
          <p className="empty-state">No silences in the last week.</p>
        ) : (
          <table data-testid="silences-table">
            <thead>
              <tr>
                <th>Router</th>
                <th>Rule</th>
                <th>From</th>
                <th>Until</th>
                <th>Reason</th>
                <th>By</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {settings.silences.map((s) => (
                <tr key={s.id} data-testid="silence-row" data-active={s.active}>
                  <td>{s.routerName ?? "all routers"}</td>
                  <td>{s.rule ? RULE_LABEL[s.rule] : "all rules"}</td>
                  <td>{formatTimestamp({ at: s.startsAt, now })}</td>
                  <td>{formatTimestamp({ at: s.endsAt, now })}</td>
                  <td>{s.reason}</td>
                  <td data-testid="silence-by">{s.createdByEmail ?? <span className="muted">unknown</span>}</td>
                  <td>
                    {s.endsAt > now ? (
                      <IdButton action={endSilenceAction} id={s.id} label="End now" testId={`end-silence-${s.id}`} />
                    ) : (
                      <span className="muted">ended</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <SilenceForm action={createSilenceAction} routers={settings.routers} now={now.toISOString()} />
      </section>

      <section className="panel">
        <h2>Notification channels</h2>
        <p className="muted small">
          Every transition (fired, acknowledged, resolved) goes to each enabled channel once, retried with backoff while the receiver is
          down. Webhooks are signed with
          <code> X-WANscope-Signature: sha256=HMAC(secret, timestamp + &quot;.&quot; + body)</code> and <code>X-WANscope-Timestamp</code>;
          redirects are not followed.
        </p>
        {settings.channels.length === 0 ? (
          <p className="empty-state">No channel yet: alerts are tracked here but not sent anywhere.</p>
        ) : (
          <table data-testid="channels-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>URL</th>
                <th>Signed</th>
                <th>Enabled</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {settings.channels.map((c) => (
                <tr key={c.id} data-testid="channel-row" data-name={c.name}>
                  <td>{c.name}</td>
                  <td>{c.kind}</td>
                  <td>
                    <code>{c.target}</code>
                  </td>
                  <td>{c.signed ? "yes" : "no"}</td>
                  <td>{c.enabled ? "yes" : "no"}</td>
                  <td className="nowrap">
                    <IdButton action={testChannelAction} id={c.id} label="Send test notification" testId={`test-channel-${c.id}`} />
                    <IdButton action={deleteChannelAction} id={c.id} label="Delete" testId={`delete-channel-${c.id}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ChannelForm action={saveChannelAction} />
      </section>
    </>
  );
}
