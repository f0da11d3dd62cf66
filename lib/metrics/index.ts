// Pure metrics: time and samples are parameters; nothing here reads a clock, a socket or a database.
export * from "./counter-rate";
export * from "./reboot";
export * from "./shares";
export * from "./classifier-split";
export * from "./imbalance";
export * from "./memberships";
export * from "./wan-lists";
