import { z } from "zod";
import { parseCidr } from "../../engine/ip";
import type { RouteConfig } from "../config";
import { cidr, int, ip, isYes, name, ParamsError, paramIssues, text, yesNo } from "./values";

// A static route from its parameters (export or API): v6 names its table with routing-mark, v7 with
// routing-table (which must exist as a FIB table; the caller checks that against /routing table).

const common = {
  "dst-address": cidr.optional(),
  gateway: z.string().min(1),
  distance: int(0, 255).optional(),
  scope: int(0, 255).optional(),
  "target-scope": int(0, 255).optional(),
  "pref-src": z.union([ip, z.literal("")]).optional(),
  comment: text.optional(),
  disabled: yesNo.optional(),
};

const SCHEMAS = {
  v6: z.object({ ...common, "routing-mark": name.optional(), "check-gateway": z.enum(["ping", "arp"]).optional() }).strict(),
  v7: z
    .object({
      ...common,
      "routing-table": name.optional(),
      "check-gateway": z.enum(["ping", "arp", "bfd"]).optional(),
      "suppress-hw-offload": yesNo.optional(),
      "vrf-interface": name.optional(),
    })
    .strict(),
};

export function compileRoute(style: "v6" | "v7", params: Record<string, string>): RouteConfig {
  const parsed = SCHEMAS[style].safeParse(params);
  if (!parsed.success) throw new ParamsError(paramIssues(parsed.error));
  return {
    dst: parseCidr(params["dst-address"] ?? "0.0.0.0/0")!,
    gateway: params.gateway!,
    distance: Number(params.distance ?? 1),
    scope: Number(params.scope ?? 30),
    targetScope: Number(params["target-scope"] ?? 10),
    table: params["routing-mark"] ?? params["routing-table"] ?? "main",
    checkGateway: params["check-gateway"] as RouteConfig["checkGateway"],
    disabled: isYes(params.disabled),
    comment: params.comment,
    params: { ...params },
  };
}
