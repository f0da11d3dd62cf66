import type { SimClock } from "../engine/clock";
import type { Dataplane } from "../engine/dataplane";
import { inCidr } from "../engine/ip";
import { BEHAVIOURS, DEFAULT_MIX, type Behaviour, type BehaviourMix } from "./behaviours";
import { Client } from "./client";
import type { Rng } from "./prng";

export type Population = { clients: Client[]; lan: string; stop(): void };

/**
 * Clients numbered up from the LAN network's .2. The LAN is the address whose interface carries no
 * route gateway. Populations bigger than the subnet continue past it, as if behind a LAN switch stack.
 */
export function createPopulation({
  count,
  mix,
  rng,
  clock,
  dataplane,
  timeScale,
  onNew,
}: {
  count: number;
  mix?: BehaviourMix;
  rng: Rng;
  clock: SimClock;
  dataplane: Dataplane;
  timeScale: number;
  onNew?: () => void;
}): Population {
  const lanAddress = findLan(dataplane);
  const clients: Client[] = [];
  if (lanAddress === undefined) return { clients, lan: "", stop: () => {} };
  const weights = { ...DEFAULT_MIX, ...(mix ?? {}) };
  if (mix !== undefined) for (const b of BEHAVIOURS) if (!(b in mix)) weights[b] = 0;
  const total = BEHAVIOURS.reduce((s, b) => s + weights[b], 0);
  for (let i = 0; i < count; i++) {
    const clientRng = rng.fork(i + 1);
    let pick = clientRng.next() * total;
    let behaviour: Behaviour = "browser";
    for (const b of BEHAVIOURS) {
      pick -= weights[b];
      if (pick < 0) {
        behaviour = b;
        break;
      }
    }
    let address = lanAddress.cidr.network + 2 + i;
    if (address === lanAddress.address) address += count; // never the router's own address
    clients.push(new Client(address >>> 0, behaviour, clientRng, { clock, dataplane, lan: lanAddress.interface, timeScale, onNew }));
  }
  for (const c of clients) c.start();
  return { clients, lan: lanAddress.interface, stop: () => clients.forEach((c) => c.stop()) };
}

export function findLan(dataplane: Dataplane): Dataplane["config"]["addresses"][number] | undefined {
  const gatewayInterfaces = new Set<string>();
  for (const a of dataplane.config.addresses) {
    for (const r of dataplane.routing.routes)
      if (r.gatewayIp !== undefined && inCidr(r.gatewayIp, a.cidr)) gatewayInterfaces.add(a.interface);
  }
  return dataplane.config.addresses.find((a) => !gatewayInterfaces.has(a.interface)) ?? dataplane.config.addresses[0];
}
