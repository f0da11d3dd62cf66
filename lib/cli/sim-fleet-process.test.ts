import { describe, expect, it } from "vitest";
import { parseSimRouterLine } from "./sim-fleet-process";

describe("parseSimRouterLine", () => {
  it("reads the simulator's line about one router", () => {
    expect(parseSimRouterLine("router gw-001 api=35043 api-ssl=44633 user=wanscope password=sim-23 version=6.49.10")).toEqual({
      name: "gw-001",
      apiPort: 35043,
      apiSslPort: 44633,
      user: "wanscope",
      password: "sim-23",
      version: "6.49.10",
    });
  });
  it("ignores anything else", () => {
    expect(parseSimRouterLine("control http://127.0.0.1:4000")).toBeNull();
    expect(parseSimRouterLine("router x api=notaport")).toBeNull();
  });
});
