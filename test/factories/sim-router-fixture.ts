// A small but real RouterApi for the protocol tests: in-memory menus with rows, add/remove/set with
// RouterOS errors, a streaming monitor-traffic, switchable faults and a session log. It is not the
// router model (sim/model); it only gives the protocol layer something honest to serve.

import {
  RouterTrap,
  type Attributes,
  type CommandResult,
  type FaultState,
  type LoginMode,
  type Menu,
  type Row,
  type RouterApi,
} from "@/sim/protocol/router-api";
import { SessionLedger, type ServiceName, type ServiceSettings } from "@/sim/protocol/session-ledger";
import { alreadyHaveSuchEntry, invalidValueForArgument, noSuchItem } from "@/sim/protocol/trap-messages";

export type FixtureRouter = RouterApi & {
  sessions: SessionLedger;
  faultState: FaultState;
  sessionLog: { event: "login" | "logout"; user: string; via: "api" | "api-ssl" }[];
  addressList: TableMenu;
  connections: TableMenu;
  /** Replaces the address list with `count` generated entries (fast; for big-reply tests). */
  fillAddressList(count: number): void;
  fillConnections(count: number): void;
};

type TableOptions = {
  /** Properties that together must be unique ("already have such entry"). */
  uniqueBy?: string[];
  /** Properties every new row must carry ("invalid value for argument"). */
  required?: string[];
  defaults?: Row;
  validate?: (attributes: Attributes) => void;
};

export class TableMenu implements Menu {
  rows: Row[] = [];
  private nextId = 1;

  constructor(private readonly options: TableOptions = {}) {}

  print(): Row[] {
    return this.rows;
  }

  add(attributes: Attributes): string {
    for (const name of this.options.required ?? []) {
      if (!attributes[name]) throw invalidValueForArgument(name);
    }
    this.options.validate?.(attributes);
    const unique = this.options.uniqueBy;
    if (unique && this.rows.some((row) => unique.every((key) => row[key] === attributes[key]))) throw alreadyHaveSuchEntry();
    const id = `*${(this.nextId++).toString(16).toUpperCase()}`;
    this.rows.push({ ".id": id, ...this.options.defaults, ...attributes });
    return id;
  }

  remove(id: string): void {
    const index = this.rows.findIndex((row) => row[".id"] === id);
    if (index === -1) throw noSuchItem();
    this.rows.splice(index, 1);
  }

  set(id: string, attributes: Attributes): void {
    const row = this.rows.find((candidate) => candidate[".id"] === id);
    if (!row) throw noSuchItem();
    Object.assign(row, attributes);
  }

  /** Bulk load without per-row checks; ids continue from here. */
  load(rows: Row[]): void {
    this.rows = rows;
    this.nextId = rows.length + 1;
  }
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/\d{1,2})?$/;

export function createFixtureRouter({
  name = "gw-test",
  version = "7.19.1 (stable)",
  loginMode = "plain",
  sendsEmpty = true,
  users = { admin: "secret" },
  services = {},
}: {
  name?: string;
  version?: string;
  loginMode?: LoginMode;
  sendsEmpty?: boolean;
  users?: Record<string, string>;
  /** max-sessions / disabled of api and api-ssl (RouterOS default: 20, enabled) */
  services?: Partial<Record<ServiceName, Partial<ServiceSettings>>>;
} = {}): FixtureRouter {
  const faultState: FaultState = { slowMs: 0, wrongPassword: false, dropMidReply: false, unreachable: false };
  const sessionLog: FixtureRouter["sessionLog"] = [];

  const addressList = new TableMenu({
    uniqueBy: ["list", "address"],
    required: ["list", "address"],
    defaults: { dynamic: "false", disabled: "false", "creation-time": "2024-01-01 00:00:00" },
    validate: (attributes) => {
      if (attributes.address !== undefined && !IPV4.test(attributes.address)) throw invalidValueForArgument("address");
    },
  });
  const connections = new TableMenu();
  const interfaces = new TableMenu();
  interfaces.load([
    { ".id": "*1", name: "ether1", type: "ether", running: "true", disabled: "false" },
    { ".id": "*2", name: "wlan1", type: "wlan", running: "true", disabled: "false" },
    { ".id": "*3", name: "wlan2", type: "wlan", running: "false", disabled: "false" },
  ]);

  const monitorRow = (iface: string, tick: number): Row => ({
    name: iface,
    "rx-bits-per-second": String(1000 * tick),
    "tx-bits-per-second": String(500 * tick),
  });

  const interfaceMenu: Menu = {
    print: ({ stats }) => (stats ? interfaces.rows.map((row) => ({ ...row, "rx-byte": "1000", "tx-byte": "2000" })) : interfaces.rows),
    commands: {
      "monitor-traffic": (attributes): CommandResult => {
        const names = (attributes.interface ?? "").split(",").filter(Boolean);
        if (names.length === 0) throw invalidValueForArgument("interface");
        if ("once" in attributes) return { kind: "rows", rows: names.map((iface) => monitorRow(iface, 1)) };
        return {
          kind: "stream",
          stream: {
            start(emit) {
              let tick = 0;
              const timer = setInterval(() => {
                tick += 1;
                for (const iface of names) emit(monitorRow(iface, tick));
              }, 20);
              return () => clearInterval(timer);
            },
          },
        };
      },
    },
  };

  const menus: Record<string, Menu> = {
    "/ip/firewall/address-list": addressList,
    "/ip/firewall/connection": connections,
    "/interface": interfaceMenu,
    "/system/identity": { print: () => [{ name }] },
    "/system/resource": { print: () => [{ uptime: "1d2h3m4s", version, "cpu-load": "3", "board-name": "CHR" }] },
    "/ip/route": { print: () => [] },
  };

  return {
    name,
    sessions: new SessionLedger(services),
    faultState,
    sessionLog,
    addressList,
    connections,
    version: () => version,
    loginMode: () => loginMode,
    sendsEmpty: () => sendsEmpty,
    checkCredentials: (user, password) => users[user] !== undefined && users[user] === password,
    passwordOf: (user) => users[user],
    menu: (path) => menus[path],
    faults: () => faultState,
    faultFired: (fault) => {
      if (fault === "dropMidReply") faultState.dropMidReply = false;
    },
    logSession: (event, user, via) => {
      sessionLog.push({ event, user, via });
    },
    fillAddressList(count) {
      const rows: Row[] = new Array(count);
      for (let index = 0; index < count; index += 1) {
        rows[index] = {
          ".id": `*${(index + 1).toString(16).toUpperCase()}`,
          list: index % 2 === 0 ? "odd" : "even",
          address: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
          timeout: "23h59m51s",
          dynamic: "true",
          disabled: "false",
          "creation-time": "2024-01-01 00:00:00",
          comment: `client ${index}`,
        };
      }
      addressList.load(rows);
    },
    fillConnections(count) {
      const rows: Row[] = new Array(count);
      for (let index = 0; index < count; index += 1) {
        rows[index] = {
          ".id": `*${(index + 1).toString(16).toUpperCase()}`,
          protocol: "tcp",
          "src-address": `192.168.${(index >> 8) & 255}.${index & 255}:${10000 + (index % 50000)}`,
          "dst-address": `93.184.216.34:443`,
          "connection-mark": index % 4 === 3 ? "" : index % 4 === 2 ? "even_conn" : "odd_conn",
          "tcp-state": "established",
          timeout: "23h59m59s",
          "orig-bytes": String(index * 10),
          "repl-bytes": String(index * 100),
        };
      }
      connections.load(rows);
    },
  };
}

export { RouterTrap };
