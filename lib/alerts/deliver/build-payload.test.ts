import { describe, expect, it } from "vitest";
import { buildSlackPayload, buildWebhookPayload, type PayloadEvent } from "./build-payload";

const at = new Date("2026-03-01T12:00:00Z");
const event = (over: Partial<PayloadEvent> = {}): PayloadEvent => ({
  eventId: "17",
  sequence: 1,
  kind: "fired",
  at,
  byUserId: null,
  alert: {
    id: 4,
    rule: "gateway_down",
    subject: "odd",
    severity: "critical",
    message: "WAN odd: default route inactive",
    details: { interface: "wlan2" },
    firedAt: at,
    resolvedAt: null,
  },
  ...over,
});
const router = { id: 3, name: "gw-<b>&co", site: "north" };

describe("webhook payloads", () => {
  it("JSON carries every event with ids, times and the router", () => {
    const body = buildWebhookPayload({ router, events: [event(), event({ eventId: "18", kind: "resolved" })] });
    expect(body).toMatchObject({ type: "wanscope.alerts", version: 1, test: false, router });
    expect(body.events.map((e) => [e.id, e.kind, e.at, e.alert.ruleLabel])).toEqual([
      ["17", "fired", at.toISOString(), "Gateway down"],
      ["18", "resolved", at.toISOString(), "Gateway down"],
    ]);
    expect(body.text).toContain("[FIRING] Gateway down odd (critical)");
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it("Slack escapes untrusted names and groups events in one message", () => {
    const body = buildSlackPayload({
      router,
      events: [
        event(),
        event({ eventId: "19", alert: { ...event().alert, rule: "dual_listed", subject: "10.0.0.9", severity: "warning" } }),
      ],
    });
    expect(body.text).toContain("gw-&lt;b&gt;&amp;co");
    expect(body.text).not.toContain("<b>");
    expect(JSON.stringify(body.blocks)).toContain("Dual-listed client 10.0.0.9");
    expect(body.text.split("\n")).toHaveLength(3);
  });
});
