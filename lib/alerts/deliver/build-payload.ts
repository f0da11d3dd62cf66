import { RULE_LABEL } from "../rules";
import type { RuleKind, Severity } from "../types";

export type PayloadEvent = {
  eventId: string;
  /** This event's place among its alert's events (1 = fired): receivers order an alert's events by it. */
  sequence: number;
  kind: "fired" | "acknowledged" | "resolved";
  at: Date;
  byUserId: number | null;
  alert: {
    id: number;
    rule: RuleKind;
    subject: string;
    severity: Severity;
    message: string;
    details: unknown;
    firedAt: Date;
    resolvedAt: Date | null;
  };
};
export type PayloadRouter = { id: number; name: string; site: string | null };

export type WebhookPayload = {
  type: "wanscope.alerts";
  version: 1;
  test: boolean;
  router: PayloadRouter;
  /** Several when dual-listed clients of one router change together: one notification, one entry each. */
  events: {
    id: string;
    /** 1 for an alert's "fired", then 2, 3, ... in the order its transitions happened. */
    sequence: number;
    kind: PayloadEvent["kind"];
    at: string;
    byUserId: number | null;
    alert: {
      id: number;
      rule: RuleKind;
      ruleLabel: string;
      subject: string;
      severity: Severity;
      message: string;
      details: unknown;
      firedAt: string;
      resolvedAt: string | null;
    };
  }[];
  text: string;
};

const VERB: Record<PayloadEvent["kind"], string> = { fired: "FIRING", acknowledged: "ACKNOWLEDGED", resolved: "RESOLVED" };

function line(e: PayloadEvent): string {
  const subject = e.alert.subject ? ` ${e.alert.subject}` : "";
  return `[${VERB[e.kind]}] ${RULE_LABEL[e.alert.rule]}${subject} (${e.alert.severity}): ${e.alert.message}`;
}

export function summaryText(options: { router: PayloadRouter; events: readonly PayloadEvent[] }): string {
  const { router, events } = options;
  const head = `WANscope · router ${router.name}${router.site ? ` (${router.site})` : ""}`;
  return [head, ...events.map(line)].join("\n");
}

/** The JSON body for webhook channels. */
export function buildWebhookPayload(options: { router: PayloadRouter; events: readonly PayloadEvent[]; test?: boolean }): WebhookPayload {
  return {
    type: "wanscope.alerts",
    version: 1,
    test: options.test ?? false,
    router: options.router,
    events: options.events.map((e) => ({
      id: e.eventId,
      sequence: e.sequence,
      kind: e.kind,
      at: e.at.toISOString(),
      byUserId: e.byUserId,
      alert: {
        id: e.alert.id,
        rule: e.alert.rule,
        ruleLabel: RULE_LABEL[e.alert.rule],
        subject: e.alert.subject,
        severity: e.alert.severity,
        message: e.alert.message,
        details: e.alert.details ?? null,
        firedAt: e.alert.firedAt.toISOString(),
        resolvedAt: e.alert.resolvedAt?.toISOString() ?? null,
      },
    })),
    text: summaryText(options),
  };
}

// Slack treats &, < and > as control characters in mrkdwn; router names and comments are untrusted.
export const slackEscape = (s: string): string => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** Slack incoming-webhook body (also accepted by Mattermost and Rocket.Chat). */
export function buildSlackPayload(options: { router: PayloadRouter; events: readonly PayloadEvent[]; test?: boolean }): {
  text: string;
  blocks: unknown[];
} {
  const { router, events } = options;
  const title = `${options.test ? "Test notification · " : ""}WANscope · router *${slackEscape(router.name)}*${router.site ? ` (${slackEscape(router.site)})` : ""}`;
  const lines = events.map((e) => {
    const icon =
      e.kind === "resolved"
        ? ":white_check_mark:"
        : e.kind === "acknowledged"
          ? ":eyes:"
          : e.alert.severity === "critical"
            ? ":red_circle:"
            : ":warning:";
    return `${icon} ${slackEscape(line(e))}`;
  });
  return {
    text: slackEscape(summaryText(options)),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: title } },
      { type: "section", text: { type: "mrkdwn", text: lines.join("\n").slice(0, 2900) } },
    ],
  };
}
