import { describe, expect, it } from "vitest";
import { channelUrlSchema } from "./channel-url";

describe("channel URL validation", () => {
  it.each([
    { url: "https://hooks.slack.com/services/T/B/x", ok: true },
    { url: "http://127.0.0.1:8080/hook", ok: true },
    { url: "ftp://example.com/x", ok: false },
    { url: "javascript:alert(1)", ok: false },
    { url: "file:///etc/passwd", ok: false },
    { url: "https://user:pw@example.com/", ok: false },
    { url: "not a url", ok: false },
    { url: "", ok: false },
  ])("$url → $ok", ({ url, ok }) => {
    expect(channelUrlSchema.safeParse(url).success).toBe(ok);
  });
});
