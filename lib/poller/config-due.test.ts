import { describe, expect, it } from "vitest";
import { configDue } from "./poll-and-store";

const now = new Date("2026-12-01T12:00:00Z");
const ago = (sec: number) => new Date(now.getTime() - sec * 1000);

describe("configDue", () => {
  it.each([
    ["never read", null, 900, true],
    ["read 10 min ago", { attemptedAt: ago(600), refreshRequested: false }, 900, false],
    ["read 15 min ago", { attemptedAt: ago(900), refreshRequested: false }, 900, true],
    ["asked for by the Configuration tab", { attemptedAt: ago(5), refreshRequested: true }, 900, true],
    ["a rule gone, read 6 min ago", { attemptedAt: ago(360), refreshRequested: false }, 300, true],
  ] as const)("%s", (_name, read, everySec, due) => {
    expect(configDue({ read, now, everySec })).toBe(due);
  });
});
