import { describe, expect, it } from "vitest";
import { scheduledTime } from "./process-job";

describe("scheduledTime", () => {
  it("takes a scheduler job's slot from its id, not from timestamp + delay", () => {
    expect(scheduledTime({ id: "repeat:router.poll:12:1795985713236", timestamp: 1795985711426, opts: { delay: 1809 } }).getTime()).toBe(
      1795985713236,
    );
  });
  it("uses timestamp + delay for other jobs", () => {
    expect(scheduledTime({ id: "42", timestamp: 1000, opts: { delay: 250 } }).getTime()).toBe(1250);
    expect(scheduledTime({ id: "repeat:odd", timestamp: 1000, opts: {} }).getTime()).toBe(1000);
  });
});
