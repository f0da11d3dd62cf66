import { describe, expect, it } from "vitest";
import { detectReboot } from "./reboot";

describe("detectReboot", () => {
  it.each([
    ["first poll", null, { at: 100_000, uptimeSeconds: 50 }, false, null],
    ["uptime grows with time", { at: 0, uptimeSeconds: 1_000 }, { at: 10_000, uptimeSeconds: 1_010 }, false, null],
    ["uptime went back", { at: 0, uptimeSeconds: 1_000 }, { at: 10_000, uptimeSeconds: 5 }, true, "uptime_went_back"],
    ["rebooted during a long outage", { at: 0, uptimeSeconds: 100 }, { at: 3_600_000, uptimeSeconds: 600 }, true, "uptime_below_elapsed"],
    ["long gap without reboot", { at: 0, uptimeSeconds: 100 }, { at: 3_600_000, uptimeSeconds: 3_700 }, false, null],
    ["uptime equal (poll within a second)", { at: 0, uptimeSeconds: 70 }, { at: 400, uptimeSeconds: 70 }, false, null],
  ])("%s", (_name, prev, curr, rebooted, reason) => {
    const result = detectReboot({ prev, curr });
    expect(result.rebooted).toBe(rebooted);
    expect(result.reason).toBe(reason);
    expect(result.bootedAt).toBe(curr.at - curr.uptimeSeconds * 1000);
  });
});
