import { z } from "zod";
import { inCidr, parseIp } from "../engine/ip";
import type { SimRouter } from "../model/router";

const gatewayFault = z
  .object({
    /** a WAN interface name ("wlan2") or a gateway address ("10.111.0.1") */
    wan: z.string().min(1),
    state: z.enum(["down", "up"]),
    /** link: the interface loses carrier; upstream: the gateway stops answering (check-gateway=ping notices) */
    mode: z.enum(["link", "upstream"]).default("link"),
  })
  .strict();

/** One request may switch several faults; omitted fields stay as they are. */
export const faultRequestSchema = z
  .object({
    gateway: z.union([gatewayFault, z.array(gatewayFault)]).optional(),
    unreachable: z.boolean().optional(),
    slowMs: z.number().int().min(0).max(600_000).optional(),
    wrongPassword: z.boolean().optional(),
    dropMidReply: z.boolean().optional(),
    reboot: z.union([z.boolean(), z.object({ downMs: z.number().int().min(0).max(3_600_000) }).strict()]).optional(),
    listVisibilityDelayMs: z.number().min(0).max(60_000).optional(),
  })
  .strict();

export type FaultRequest = z.input<typeof faultRequestSchema>;

export type FaultTarget = { router: SimRouter; dropSessions(): void };

/** Applies a validated fault request to a running router. Throws Error with a readable message on a bad target. */
export function applyFaults(target: FaultTarget, input: FaultRequest): void {
  const request = faultRequestSchema.parse(input);
  const { router } = target;
  const faults = router.faults();
  for (const g of request.gateway === undefined ? [] : Array.isArray(request.gateway) ? request.gateway : [request.gateway]) {
    if (g.mode === "link") router.dataplane.setLink(interfaceOf(router, g.wan), g.state === "up");
    else for (const gw of gatewaysOf(router, g.wan)) router.dataplane.setUpstream(gw, g.state === "up");
  }
  if (request.slowMs !== undefined) faults.slowMs = request.slowMs;
  if (request.wrongPassword !== undefined) faults.wrongPassword = request.wrongPassword;
  if (request.dropMidReply !== undefined) faults.dropMidReply = request.dropMidReply;
  if (request.listVisibilityDelayMs !== undefined) router.setListVisibilityDelay(request.listVisibilityDelayMs);
  if (request.unreachable !== undefined) {
    faults.unreachable = request.unreachable;
    if (request.unreachable) target.dropSessions();
  }
  if (request.reboot !== undefined && request.reboot !== false) {
    router.reboot();
    target.dropSessions();
    const downMs = request.reboot === true ? 0 : request.reboot.downMs;
    if (downMs > 0) {
      faults.unreachable = true;
      router.clock.after(downMs * router.timeScale, () => {
        faults.unreachable = false;
        router.bootAt = router.clock.now(); // the router comes up when the downtime ends
      });
    }
  }
}

function interfaceOf(router: SimRouter, wan: string): string {
  if (router.dataplane.interfaces.has(wan)) return wan;
  const ip = parseIp(wan);
  const address = ip === undefined ? undefined : router.dataplane.config.addresses.find((a) => inCidr(ip, a.cidr));
  if (address === undefined) throw new Error(`router ${router.name} has no interface or gateway "${wan}"`);
  return address.interface;
}

function gatewaysOf(router: SimRouter, wan: string): string[] {
  if (parseIp(wan) !== undefined) return [wan];
  const gateways = router.dataplane.routing.routes.filter((r) => r.gatewayIp !== undefined && r.via === wan).map((r) => r.config.gateway);
  if (gateways.length === 0 && !router.dataplane.interfaces.has(wan))
    throw new Error(`router ${router.name} has no interface or gateway "${wan}"`);
  // routes through a WAN whose gateway is already unreachable still belong to it
  const all = router.dataplane.routing.routes.filter((r) => {
    const ip = r.gatewayIp;
    return ip !== undefined && router.dataplane.config.addresses.some((a) => a.interface === wan && inCidr(ip, a.cidr));
  });
  return [...new Set([...gateways, ...all.map((r) => r.config.gateway)])];
}
