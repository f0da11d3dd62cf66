import { describe, expect, it } from "vitest";
import { parseRouterOsDuration } from "./duration";
import { parseRouterOsVersion } from "./version";
import { backoffDelayMs } from "./backoff";
import { Semaphore } from "./semaphore";
import { anyOf } from "./client";
import { fingerprintMatches, isValidFingerprint, tlsConnectOptions } from "./tls";

describe("parseRouterOsDuration", () => {
  it.each([
    ["1w2d3h4m5s", 604_800 + 2 * 86_400 + 3 * 3_600 + 4 * 60 + 5],
    ["23h59m51s", 86_391],
    ["0s", 0],
    ["1d", 86_400],
    ["500ms", 0.5],
    ["1s500ms", 1.5],
    ["00:05:00", 300],
    ["3d 01:02:03", 3 * 86_400 + 3_723],
    ["30", 30],
    ["", undefined],
    ["1x", undefined],
    ["5s junk", undefined],
    ["h", undefined],
  ])("%j → %j", (text, seconds) => {
    expect(parseRouterOsDuration(text)).toBe(seconds);
  });
});

describe("parseRouterOsVersion", () => {
  it.each([
    ["6.49.10 (long-term)", 6, 49, 10, "long-term", false, "v6"],
    ["7.19.1 (stable)", 7, 19, 1, "stable", true, "v7"],
    ["7.17.2 (stable)", 7, 17, 2, "stable", false, "v7"],
    ["7.18 (stable)", 7, 18, 0, "stable", true, "v7"],
    ["6.40.9 (bugfix)", 6, 40, 9, "bugfix", false, "v6"],
    ["7.20beta2", 7, 20, 0, "beta2", true, "v7"],
  ])("%s", (raw, major, minor, patch, channel, sendsEmptyReply, routing) => {
    expect(parseRouterOsVersion(raw)).toEqual({ raw, major, minor, patch, channel, sendsEmptyReply, routing });
  });

  it.each(["", "seven", "7", "v7.1"])("rejects %j", (raw) => {
    expect(parseRouterOsVersion(raw)).toBeUndefined();
  });
});

describe("backoffDelayMs", () => {
  const policy = { baseMs: 1_000, capMs: 8_000 };
  it.each([
    [0, 1, 0],
    [1, 1, 1_000],
    [2, 1, 2_000],
    [3, 0, 2_000],
    [4, 1, 8_000],
    [50, 1, 8_000],
  ])("failures=%i random=%d → %i ms", (failures, random, ms) => {
    expect(backoffDelayMs({ failures, policy, random: () => random })).toBe(ms);
  });
});

describe("Semaphore", () => {
  it("never lets more than `size` run at once", async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 7 }, () =>
        semaphore.use(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(semaphore.inUse).toBe(0);
  });
});

describe("query and TLS helpers", () => {
  it.each([
    [[], []],
    [["wlan1"], ["?name=wlan1"]],
    [
      ["a", "b", "c"],
      ["?name=a", "?name=b", "?name=c", "?#||"],
    ],
  ])("anyOf(%j)", (values, words) => {
    expect(anyOf("name", values)).toEqual(words);
  });

  it("normalises fingerprints and builds TLS options per mode", () => {
    const fp = "AB:".repeat(31) + "AB";
    expect(isValidFingerprint(fp)).toBe(true);
    expect(fingerprintMatches({ expected: fp.toLowerCase().replaceAll(":", ""), actual: fp })).toBe(true);
    expect(fingerprintMatches({ expected: fp, actual: undefined })).toBe(false);
    expect(tlsConnectOptions({ mode: "none" })).toBeUndefined();
    expect(tlsConnectOptions({ mode: "ca", caPem: "PEM" })).toMatchObject({ ca: "PEM", rejectUnauthorized: true });
    expect(tlsConnectOptions({ mode: "anonymous-dh" })).toMatchObject({ ciphers: expect.stringContaining("ADH-"), maxVersion: "TLSv1.2" });
  });
});
