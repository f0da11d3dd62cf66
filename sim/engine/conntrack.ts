import type { Row } from "../protocol/router-api";
import { formatBool, formatDuration, formatId } from "../model/format";
import { Connection } from "./connection";
import { formatIp } from "./ip";

/**
 * The connection table. Once printed, rows are kept: formatted once, patched in place on changes,
 * appended on open and swap-removed on close, so a print (and the protocol's count-only over it)
 * costs no more than formatting the connections that are new since the last one.
 */
export class ConnTable {
  private byId = new Map<number, Connection>();
  private nextId = 1;
  private rows: Row[] | undefined = undefined;
  private rowConns: Connection[] = [];
  private pending: Connection[] = [];
  private marks = new Map<string, number>();
  maxEntries = 1_048_576;

  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.byId.size;
  }

  values(): IterableIterator<Connection> {
    return this.byId.values();
  }

  get(id: number): Connection | undefined {
    return this.byId.get(id);
  }

  open({
    protocol,
    src,
    sport,
    dst,
    dport,
  }: {
    protocol: "tcp" | "udp";
    src: number;
    sport: number;
    dst: number;
    dport: number;
  }): Connection {
    // ids jump like a hash table's do on a real router; what matters is that they are unique
    const conn = new Connection(this.nextId, protocol, src, sport, dst, dport, this.now());
    this.nextId += 1 + (this.nextId % 7);
    this.byId.set(conn.id, conn);
    this.marks.set("", (this.marks.get("") ?? 0) + 1);
    if (this.rows !== undefined) this.pending.push(conn); // formatted at the next print, once NAT is known
    return conn;
  }

  setMark(conn: Connection, mark: string): void {
    if (conn.mark === mark) return;
    if (conn.removed) {
      conn.mark = mark; // no longer counted
      return;
    }
    this.marks.set(conn.mark, (this.marks.get(conn.mark) ?? 1) - 1);
    this.marks.set(mark, (this.marks.get(mark) ?? 0) + 1);
    conn.mark = mark;
    if (conn.row) {
      if (mark === "") delete conn.row["connection-mark"];
      else conn.row["connection-mark"] = mark;
    }
  }

  remove(conn: Connection): void {
    if (conn.removed) return;
    conn.removed = true;
    this.byId.delete(conn.id);
    this.marks.set(conn.mark, (this.marks.get(conn.mark) ?? 1) - 1);
    const rows = this.rows;
    const index = conn.rowIndex;
    if (rows !== undefined && index >= 0) {
      const lastConn = this.rowConns.pop()!;
      const lastRow = rows.pop()!;
      if (lastConn !== conn) {
        rows[index] = lastRow;
        this.rowConns[index] = lastConn;
        lastConn.rowIndex = index;
      }
      conn.rowIndex = -1;
    }
  }

  clear(): void {
    for (const conn of this.byId.values()) conn.removed = true;
    this.byId.clear();
    this.marks.clear();
    this.rows = undefined;
    this.rowConns = [];
    this.pending = [];
  }

  /** Live connections with this connection-mark ("" = none): the index behind count-only per mark. */
  countMark(mark: string): number {
    return this.marks.get(mark) ?? 0;
  }

  /** Live connections per connection-mark ("" = none), maintained incrementally. */
  countsByMark(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [mark, n] of this.marks) if (n > 0) out[mark] = n;
    return out;
  }

  print(): Row[] {
    if (this.rows === undefined) {
      this.rows = [];
      this.rowConns = [];
      this.pending = [...this.byId.values()];
    }
    const rows = this.rows;
    for (const conn of this.pending) {
      if (conn.removed) continue;
      conn.rowIndex = rows.length;
      rows.push((conn.row = this.format(conn)));
      this.rowConns.push(conn);
    }
    this.pending = [];
    return rows;
  }

  /** Re-formats the changing fields of a printed connection after traffic or a state change. */
  touch(conn: Connection): void {
    const row = conn.row;
    if (row === undefined) return;
    if (conn.protocol === "tcp") row["tcp-state"] = conn.tcpState;
    row.timeout = formatDuration(conn.expiresAt - this.now());
    row["orig-packets"] = String(conn.origPackets);
    row["orig-bytes"] = String(conn.origBytes);
    row["repl-packets"] = String(conn.replPackets);
    row["repl-bytes"] = String(conn.replBytes);
    row["orig-rate"] = String(conn.origRate);
    row["repl-rate"] = String(conn.replRate);
    row["seen-reply"] = formatBool(conn.seenReply);
    row.assured = formatBool(conn.assured);
  }

  private format(conn: Connection): Row {
    const src = `${formatIp(conn.src)}:${conn.sport}`;
    const dst = `${formatIp(conn.dst)}:${conn.dport}`;
    // one object literal keeps V8's fast properties; the optional keys are added after
    const row: Row = {
      ".id": formatId(conn.id),
      protocol: conn.protocol,
      "src-address": src,
      "dst-address": dst,
      "reply-src-address": dst,
      "reply-dst-address": conn.natAddress ? `${formatIp(conn.natAddress)}:${conn.sport}` : src,
      timeout: formatDuration(conn.expiresAt - this.now()),
      "orig-packets": String(conn.origPackets),
      "orig-bytes": String(conn.origBytes),
      "orig-fasttrack-packets": "0",
      "orig-fasttrack-bytes": "0",
      "repl-packets": String(conn.replPackets),
      "repl-bytes": String(conn.replBytes),
      "repl-fasttrack-packets": "0",
      "repl-fasttrack-bytes": "0",
      "orig-rate": String(conn.origRate),
      "repl-rate": String(conn.replRate),
      expected: "false",
      "seen-reply": formatBool(conn.seenReply),
      assured: formatBool(conn.assured),
      confirmed: "true",
      dying: "false",
      fasttrack: "false",
      srcnat: formatBool(conn.natAddress !== 0),
      dstnat: "false",
    };
    if (conn.mark !== "") row["connection-mark"] = conn.mark;
    if (conn.protocol === "tcp") row["tcp-state"] = conn.tcpState;
    return row;
  }
}
