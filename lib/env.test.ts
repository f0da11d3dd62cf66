import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills defaults for a bare environment (single-machine mode)", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.POLL_INTERVAL_SEC).toBe(10);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", REDIS_URL: " " }).REDIS_URL).toBeUndefined();
  });

  it("names every bad variable and says how to fix it", () => {
    let message = "";
    try {
      parseEnv({ DATABASE_URL: "mysql://x", REDIS_URL: "http://nope", PORT: "seventy", WANSCOPE_SECRET_KEY: "short" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL: must start with postgres:\/\//);
    expect(message).toMatch(/Unset it to use the embedded Postgres/);
    expect(message).toMatch(/REDIS_URL: must start with redis:\/\//);
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/WANSCOPE_SECRET_KEY: must be 32 random bytes/);
  });

  it("accepts a valid 32-byte key", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(parseEnv({ WANSCOPE_SECRET_KEY: key }).WANSCOPE_SECRET_KEY).toBe(key);
  });
});
