// The contract between the API server (sim/protocol) and a simulated router (sim/model).
// The protocol layer knows words, sentences, sessions, login, tags, queries, .proplist and
// count-only; the router knows menus and their rows. Values are already formatted the way
// RouterOS prints them (".id" like "*1A", durations like "23h59m51s", "true"/"false").

import type { SessionLedger } from "./session-ledger";

export type Row = Record<string, string>;

export type Attributes = Record<string, string>;

export type PrintOptions = {
  /** `=stats=` was sent (firewall rules, interfaces: adds counters). */
  stats: boolean;
  /** `=detail=` was sent. */
  detail: boolean;
};

/** An error RouterOS reports as `!trap`; the protocol layer adds `=category=` only when set. */
export class RouterTrap extends Error {
  constructor(
    message: string,
    readonly category?: number,
  ) {
    super(message);
    this.name = "RouterTrap";
  }
}

/** A long-running command (`monitor-traffic` without `=once=`, `listen`): emits rows until stopped. */
export type Stream = {
  /** Called by the protocol layer; `emit` sends one `!re`. Returns a stop function (for /cancel or close). */
  start(emit: (row: Row) => void): () => void;
};

export type CommandResult =
  | { kind: "rows"; rows: Row[] } // each row → !re, then !done
  | { kind: "done"; ret?: string } // !done with optional =ret= (add returns the new .id)
  | { kind: "stream"; stream: Stream };

/** One `?` query word of a plain conjunction: `?k` (has), `?-k` (lacks), `?k=v` / `?=k=v` (eq). */
export type QueryTest = { kind: "has"; key: string } | { kind: "lacks"; key: string } | { kind: "eq"; key: string; value: string };

/**
 * One item of a menu changed: `row` is how print shows it now (undefined: it is gone), `previous` how
 * it printed before (undefined: it is new). listen and print =follow= turn these into `!re` words.
 */
export type ItemChange = { id: string; row: Row | undefined; previous: Row | undefined };

export type Menu = {
  /** Rows in print order; the protocol layer applies queries, .proplist and count-only. */
  print(options: PrintOptions): Row[];
  /**
   * Optional fast `count-only`: the number of rows matching every test (none: all rows), answered from
   * an index without formatting rows; undefined when the menu has no index for these tests, and the
   * protocol layer then filters print()'s rows. Must equal that filtered count exactly.
   */
  count?(tests: readonly QueryTest[]): number | undefined;
  add?(attributes: Attributes): string; // returns new ".id"; throws RouterTrap
  remove?(id: string): void; // throws RouterTrap "no such item"
  set?(id: string, attributes: Attributes): void;
  /** Change feed behind listen and print =follow=/=follow-only=; returns an unsubscribe function. */
  watch?(onChange: (change: ItemChange) => void): () => void;
  /** Other verbs of this menu, e.g. "monitor-traffic" on /interface. */
  commands?: Record<string, (attributes: Attributes) => CommandResult>;
};

export type LoginMode =
  /** < 6.43: /login → !done =ret=<challenge hex>, then /login =name= =response=00<md5> */
  | "challenge"
  /** 6.43 – 6.45.0: plain /login =name= =password=; the old challenge form still accepted */
  | "plain-or-challenge"
  /** ≥ 6.45.1 and 7.x: plain only */
  | "plain";

export type FaultState = {
  /** Extra delay before the reply of every command, in milliseconds (streamed rows are not delayed). */
  slowMs: number;
  /** Every login fails as if the password were wrong. */
  wrongPassword: boolean;
  /** The next reply with two or more rows is cut mid-sentence and the connection destroyed. */
  dropMidReply: boolean;
  /**
   * The router does not answer, as if its packets were dropped: new connections get silence (no
   * TLS handshake, no login reply) and open sessions stop answering, so clients time out.
   */
  unreachable: boolean;
};

export type Timer = { cancel(): void };

/** How long the API service waits for a login and for the rest of a started sentence (0: forever). */
export type ApiTimeouts = {
  loginTimeoutMs: number;
  sentenceTimeoutMs: number;
  /** runs `run` after `ms` of the router's time (tests drive it with the simulation clock) */
  after(ms: number, run: () => void): Timer;
};

/** What the API server needs from one simulated router. */
export type RouterApi = {
  readonly name: string;
  /** Per-service session counts and max-sessions; without it the server admits every connection. */
  readonly sessions?: SessionLedger;
  /** RouterOS version string as /system/resource prints it, e.g. "6.49.10 (long-term)" or "7.19.1 (stable)". */
  version(): string;
  loginMode(): LoginMode;
  /** 7.18+ personalities answer an empty print with !empty before !done. */
  sendsEmpty(): boolean;
  checkCredentials(user: string, password: string): boolean;
  /**
   * The stored password of `user` (optional). The pre-6.43 challenge login needs it to check
   * md5(0 + password + challenge); without it every challenge login fails.
   */
  passwordOf?(user: string): string | undefined;
  /** Look up a menu by its API path without the verb, e.g. "/ip/firewall/address-list". */
  menu(path: string): Menu | undefined;
  faults(): FaultState;
  /** Optional: told when a one-shot fault has fired (dropMidReply), so the model can clear it. */
  faultFired?(fault: "dropMidReply"): void;
  /** Optional: login and stalled-sentence timeouts (without it, connections wait forever). */
  apiTimeouts?(): ApiTimeouts;
  /** Optional: told after every command, so change feeds (listen, follow) see what a write changed. */
  afterCommand?(): void;
  /** Called on every successful login and logout so the router can log it like RouterOS does. */
  logSession(event: "login" | "logout", user: string, via: "api" | "api-ssl"): void;
};
