import type { Row } from "../protocol/router-api";

export type TcpState = "syn-sent" | "established" | "fin-wait" | "time-wait" | "close";

/** One tracked connection. A class so V8 keeps one compact shape for hundreds of thousands of them. */
export class Connection {
  mark = "";
  outInterface = "";
  natAddress = 0;
  /** a dstnat rule rewrote the destination (connection-nat-state=dstnat) */
  dstnat = false;
  /** fasttracked: later packets bypass the firewall and mangle */
  fasttrack = false;
  tcpState: TcpState = "syn-sent";
  seenReply = false;
  assured = false;
  origBytes = 0;
  origPackets = 0;
  replBytes = 0;
  replPackets = 0;
  origRate = 0;
  replRate = 0;
  /** sim ms at which conntrack forgets the connection unless a packet refreshes it */
  expiresAt = 0;
  lastSeen = 0;
  removed = false;
  /** formatted row, created on the first print and updated in place afterwards */
  row: Row | undefined = undefined;
  /** position in the table's printed row array, -1 while not in it */
  rowIndex = -1;

  constructor(
    readonly id: number,
    readonly protocol: "tcp" | "udp",
    readonly src: number,
    readonly sport: number,
    readonly dst: number,
    readonly dport: number,
    readonly createdAt: number,
  ) {}
}
