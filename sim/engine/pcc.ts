import type { PccFields } from "../model/config";

export type FlowKey = { src: number; dst: number; sport: number; dport: number };

/** Deterministic hash of the chosen fields, like RouterOS's classifier: same fields → same remainder. */
export function pccHash(fields: PccFields, flow: FlowKey): number {
  switch (fields) {
    case "src-address":
      return mix(flow.src);
    case "dst-address":
      return mix(flow.dst);
    case "both-addresses":
      return mix(flow.src ^ mix(flow.dst));
    case "src-port":
      return mix(flow.sport);
    case "dst-port":
      return mix(flow.dport);
    case "both-ports":
      return mix(flow.sport ^ mix(flow.dport));
    case "src-address-and-port":
      return mix(flow.src ^ mix(flow.sport));
    case "both-addresses-and-ports":
      return mix(flow.src ^ mix(flow.dst ^ mix(flow.sport ^ mix(flow.dport))));
  }
}

/** murmur3's 32-bit finaliser: consecutive client addresses spread evenly over remainders. */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
