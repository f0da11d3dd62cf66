import { describe, expect, it } from "vitest";
import { DELIVERY_BACKOFF, DELIVERY_MAX_ATTEMPTS, deliveryBackoffMs } from "./delivery-backoff";

describe("deliveryBackoffMs", () => {
  it.each([
    { attempt: 1, ms: 1000 },
    { attempt: 2, ms: 2000 },
    { attempt: 5, ms: 16_000 },
    { attempt: 9, ms: 256_000 },
    { attempt: 10, ms: 300_000 },
    { attempt: 500, ms: 300_000 },
  ])("retry $attempt waits $ms ms", ({ attempt, ms }) => {
    expect(deliveryBackoffMs(attempt)).toBe(ms);
  });

  it("keeps trying for days", () => {
    let total = 0;
    for (let i = 1; i < DELIVERY_MAX_ATTEMPTS; i++) total += deliveryBackoffMs(i);
    expect(total).toBeGreaterThan(2 * 86_400_000);
    expect(deliveryBackoffMs(DELIVERY_MAX_ATTEMPTS)).toBe(DELIVERY_BACKOFF.capMs);
  });
});
