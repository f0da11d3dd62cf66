// Error wording as RouterOS sends it, collected from captures in client libraries' docs, tests and
// issue threads (librouteros api_analysis, tik4net, home-assistant, node-routeros). Clients match on
// these strings (node-routeros maps the two login failures to CANTLOGIN), so they must not drift.

import { RouterTrap } from "./router-api";

export const TRAP = {
  /** Pre-6.43 routers. */
  loginFailedOld: "cannot log in",
  /** 6.43 and later. */
  loginFailed: "invalid user name or password (6)",
  notLoggedIn: "not logged in",
  noSuchCommand: "no such command",
  noSuchCommandPrefix: "no such command prefix",
  noSuchItem: "no such item",
  alreadyHaveSuchEntry: "failure: already have such entry",
  interrupted: "interrupted",
  unknownParameter: "unknown parameter",
} as const;

/** `/quit` answer (a `!fatal` reason is a plain word, not `=message=`). */
export const FATAL_QUIT = "session terminated on request";

/** Category 2: "execution of command interrupted" (what /cancel produces). */
export const CATEGORY_INTERRUPTED = 2;

export const noSuchCommandOrDirectory = (name: string): string => `no such command or directory (${name})`;

// Helpers for the router model, so menus throw the same words the protocol layer uses.
export const noSuchItem = (): RouterTrap => new RouterTrap(TRAP.noSuchItem);
export const alreadyHaveSuchEntry = (): RouterTrap => new RouterTrap(TRAP.alreadyHaveSuchEntry);
export const invalidValueForArgument = (argument: string): RouterTrap => new RouterTrap(`invalid value for argument ${argument}`);
export const unknownParameter = (name?: string): RouterTrap =>
  new RouterTrap(name === undefined ? TRAP.unknownParameter : `${TRAP.unknownParameter} ${name}`);
