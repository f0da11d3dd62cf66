import { describe, expect, it } from "vitest";
import { channelInput, fieldErrors, ruleConfigInput, silenceInput } from "./settings-input";

const errorsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? {} : fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);

describe("alert settings forms", () => {
  it("a rule form with strings from a browser parses; empty thresholds inherit", () => {
    const parsed = ruleConfigInput.parse({
      rule: "imbalance",
      routerId: "",
      enabled: "on",
      threshold: "0.2",
      clearThreshold: "",
      forSeconds: "120",
      severity: "critical",
    });
    expect(parsed).toEqual({
      rule: "imbalance",
      enabled: true,
      threshold: 0.2,
      clearThreshold: undefined,
      routerId: undefined,
      forSeconds: 120,
      severity: "critical",
    });
  });

  it.each([
    { input: { rule: "imbalance", threshold: "15", severity: "warning" }, field: "threshold", message: /share between/ },
    {
      input: { rule: "imbalance", threshold: "0.1", clearThreshold: "0.2", severity: "warning" },
      field: "clearThreshold",
      message: /not be above/,
    },
    { input: { rule: "stale", threshold: "0", severity: "warning" }, field: "threshold", message: /poll intervals/ },
    { input: { rule: "imbalance", forSeconds: "-5", severity: "warning" }, field: "forSeconds", message: /0 or more/ },
    { input: { rule: "nope", severity: "warning" }, field: "rule", message: /choose a rule/ },
    { input: { rule: "stale", threshold: "abc", severity: "warning" }, field: "threshold", message: /number/ },
  ])("rule form error on $field", ({ input, field, message }) => {
    expect(errorsOf(ruleConfigInput.safeParse(input))[field]).toMatch(message);
  });

  it("silences need an end after the start and a reason", () => {
    const errors = errorsOf(silenceInput.safeParse({ startsAt: "2026-01-01T10:00", endsAt: "2026-01-01T09:00", reason: " " }));
    expect(errors.reason).toMatch(/say why/);
    const ok = silenceInput.parse({
      startsAt: "2026-01-01T10:00",
      endsAt: "2026-01-01T11:00",
      reason: "isp work",
      rule: "",
      routerId: "3",
    });
    expect(ok).toMatchObject({ routerId: 3, rule: undefined, startsAt: new Date("2026-01-01T10:00:00Z") });
    expect(errorsOf(silenceInput.safeParse({ startsAt: "2026-01-01T10:00", endsAt: "2026-01-01T09:00", reason: "x" })).endsAt).toMatch(
      /after the start/,
    );
  });

  it.each([
    { input: { name: "a", kind: "webhook", target: "ftp://x" }, field: "target", message: /http/ },
    { input: { name: "a", kind: "email", target: "ops@, nope" }, field: "target", message: /email addresses/ },
    { input: { name: "", kind: "webhook", target: "https://x.example" }, field: "name", message: /enter a name/ },
    { input: { name: "a", kind: "slack", target: "https://x.example", secret: "short" }, field: "secret", message: /16/ },
  ])("channel form error on $field", ({ input, field, message }) => {
    expect(errorsOf(channelInput.safeParse(input))[field]).toMatch(message);
  });
});
