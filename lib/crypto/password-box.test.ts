import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./password-box";

describe("password box", () => {
  const key = randomBytes(32);

  it("round-trips and never stores the plaintext", () => {
    const stored = encryptSecret("s3cret-router-pw", key);
    expect(stored).not.toContain("s3cret");
    expect(decryptSecret(stored, key)).toBe("s3cret-router-pw");
  });

  it("uses a fresh nonce for every value", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("refuses a wrong key or a tampered value", () => {
    const stored = encryptSecret("pw", key);
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow(/does not decrypt/);
    const parts = stored.split(":");
    parts[3] = Buffer.from("tampered").toString("base64");
    expect(() => decryptSecret(parts.join(":"), key)).toThrow(/does not decrypt/);
    expect(() => decryptSecret("garbage", key)).toThrow(/unknown format/);
  });

  it("refuses a missing key stood in by an empty or all-zero buffer, naming the variable", () => {
    const stored = encryptSecret("pw", key);
    for (const standIn of [Buffer.alloc(0), Buffer.alloc(32)]) {
      expect(() => encryptSecret("pw", standIn)).toThrow(
        expect.objectContaining({ code: "config_invalid", message: expect.stringMatching(/^WANSCOPE_SECRET_KEY: /) }),
      );
      expect(() => decryptSecret(stored, standIn)).toThrow(expect.objectContaining({ code: "config_invalid" }));
    }
  });
});
