import { describe, expect, it } from "vitest";
import { parseRequest } from "./parse-request";
import { RouterTrap, type Menu, type RouterApi } from "./router-api";
import { runCommand } from "./run-command";

const rows = Array.from({ length: 10 }, (_, index) => ({
  ".id": `*${index + 1}`,
  list: index % 2 === 0 ? "odd" : "even",
  address: `10.0.0.${index}`,
}));

const router = (sendsEmpty: boolean): RouterApi => {
  const addressList: Menu = {
    print: () => rows,
    remove: (id) => {
      if (!rows.some((row) => row[".id"] === id)) throw new RouterTrap("no such item");
    },
  };
  return {
    name: "t",
    version: () => "7.19.1",
    loginMode: () => "plain",
    sendsEmpty: () => sendsEmpty,
    checkCredentials: () => true,
    menu: (path) => (path === "/ip/firewall/address-list" ? addressList : undefined),
    faults: () => ({ slowMs: 0, wrongPassword: false, dropMidReply: false, unreachable: false }),
    logSession: () => {},
  };
};

const run = (words: string[], sendsEmpty = true) => runCommand({ router: router(sendsEmpty), request: parseRequest(words) });

describe("runCommand print", () => {
  it("count-only answers only =ret=, with the query applied", () => {
    expect(run(["/ip/firewall/address-list/print", "=count-only=", "?list=odd"])).toMatchObject({ rows: [], ret: "5" });
    expect(run(["/ip/firewall/address-list/print", "=count-only="])).toMatchObject({ rows: [], ret: "10" });
  });

  it("applies queries and passes .proplist through", () => {
    const reply = run(["/ip/firewall/address-list/print", "=.proplist=address", "?list=even", "?<address=10.0.0.5"]);
    expect(reply).toMatchObject({ kind: "result", proplist: ["address"], empty: false });
    if (reply.kind !== "result") throw new Error();
    expect(reply.rows.map((row) => row.address)).toEqual(["10.0.0.1", "10.0.0.3"]);
  });

  it("marks !empty only on routers that send it", () => {
    expect(run(["/ip/firewall/address-list/print", "?list=none"])).toMatchObject({ empty: true });
    expect(run(["/ip/firewall/address-list/print", "?list=none"], false)).toMatchObject({ empty: false });
  });

  it("rejects unknown print parameters", () => {
    expect(run(["/ip/firewall/address-list/print", "=bogus=1"])).toMatchObject({ traps: [{ message: "unknown parameter bogus" }] });
  });
});

describe("runCommand errors", () => {
  it.each<[string, { message: string; category?: number }[]]>([
    ["/ip/adress/print", [{ message: "no such command or directory (adress)", category: 0 }, { message: "no such command prefix" }]],
    ["/ip/firewall/address-list/frobnicate", [{ message: "no such command" }]],
    ["/ip/firewall/address-list/print/terse", [{ message: "no such command" }]],
    ["#", [{ message: "no such command prefix" }]],
    ["/ip/firewall/address-list/add", [{ message: "no such command" }]],
  ])("%s", (command, traps) => {
    expect(run([command])).toMatchObject({ traps });
  });

  it("remove of a missing id traps from the menu", () => {
    expect(run(["/ip/firewall/address-list/remove", "=.id=*1,*99"])).toMatchObject({ traps: [{ message: "no such item" }] });
  });
});
