import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { Channel } from "node-routeros";
import { installEmptyReplyPatch, TESTED_NODE_ROUTEROS_VERSIONS, UNKNOWN_REPLY_KEY } from "./node-routeros-patch";

// The wrap of Channel.processPacket must still be needed and still fit the installed node-routeros.
// When an upgrade changes the version, this test fails first: read the new Channel source and the ADR.

class FakeConnector extends EventEmitter {
  readers = new Map<string, (packet: string[]) => void>();
  written: string[][] = [];
  read(tag: string, callback: (packet: string[]) => void): void {
    this.readers.set(tag, callback);
  }
  stopRead(tag: string): void {
    this.readers.delete(tag);
  }
  write(words: string[]): void {
    this.written.push(words);
  }
  reply(packet: string[]): void {
    for (const reader of [...this.readers.values()]) reader([...packet]);
  }
}

describe("node-routeros !empty patch", () => {
  it("is installed on a tested node-routeros version", () => {
    const status = installEmptyReplyPatch();
    expect(status.applied).toBe(true);
    expect(status.readerReplaced).toBe(true);
    expect(TESTED_NODE_ROUTEROS_VERSIONS).toContain(status.libraryVersion);
    expect(installEmptyReplyPatch()).toBe(status);
  });

  it("resolves a print answered with !empty then !done with no rows", async () => {
    installEmptyReplyPatch();
    const connector = new FakeConnector();
    const channel = new Channel(connector as never);
    const result = channel.write(["/ip/firewall/address-list/print", "?list=none"]);
    connector.reply(["!empty"]);
    connector.reply(["!done"]);
    await expect(result).resolves.toEqual([]);
  });

  it("turns another unknown reply word into a failed command instead of an uncaught throw", async () => {
    installEmptyReplyPatch();
    const connector = new FakeConnector();
    const channel = new Channel(connector as never);
    let trap: Record<string, string> | undefined;
    channel.on("trap", (data: Record<string, string>) => (trap = data));
    const result = channel.write(["/system/identity/print"]);
    connector.reply(["!weird", "=x=y"]);
    connector.reply(["!done"]);
    await expect(result).rejects.toThrow("unknown reply !weird");
    expect(trap?.[UNKNOWN_REPLY_KEY]).toBe("!weird");
  });

  it("still delivers rows and traps as before", async () => {
    installEmptyReplyPatch();
    const connector = new FakeConnector();
    const ok = new Channel(connector as never).write(["/system/identity/print"]);
    connector.reply(["!re", "=name=gw1"]);
    connector.reply(["!done"]);
    await expect(ok).resolves.toEqual([{ name: "gw1" }]);
    const bad = new Channel(connector as never).write(["/nope"]);
    connector.reply(["!trap", "=message=no such command prefix", "=category=0"]);
    connector.reply(["!done"]);
    await expect(bad).rejects.toThrow("no such command prefix");
  });
});
