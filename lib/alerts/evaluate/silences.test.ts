import { describe, expect, it } from "vitest";
import { findSilence, type SilenceWindow } from "./silences";

const t = (h: number) => new Date(Date.UTC(2026, 0, 1, h));
const windows: SilenceWindow[] = [
  { id: 1, routerId: 7, rule: "gateway_down", startsAt: t(10), endsAt: t(12), reason: "isp" },
  { id: 2, routerId: null, rule: "stale", startsAt: t(10), endsAt: t(11), reason: "db upgrade" },
  { id: 3, routerId: 9, rule: null, startsAt: t(0), endsAt: t(24), reason: "site move" },
];

describe("findSilence", () => {
  it.each([
    { name: "router + rule inside the window", routerId: 7, rule: "gateway_down", now: t(11), id: 1 },
    { name: "before it starts", routerId: 7, rule: "gateway_down", now: t(9), id: null },
    { name: "at its end (exclusive)", routerId: 7, rule: "gateway_down", now: t(12), id: null },
    { name: "another rule of the same router", routerId: 7, rule: "imbalance", now: t(11), id: null },
    { name: "fleet-wide rule silence", routerId: 42, rule: "stale", now: t(10), id: 2 },
    { name: "all rules of one router", routerId: 9, rule: "dual_listed", now: t(5), id: 3 },
  ] as const)("$name", ({ routerId, rule, now, id }) => {
    expect(findSilence({ silences: windows, routerId, rule, now })?.id ?? null).toBe(id);
  });
});
