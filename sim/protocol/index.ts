// Public surface of the API protocol layer: the server, the contract and RouterOS error wording.
export { startApiServer, type ApiServer, type ApiServerOptions } from "./api-server";
export * from "./router-api";
export { alreadyHaveSuchEntry, invalidValueForArgument, noSuchItem, unknownParameter, TRAP } from "./trap-messages";
export type { TlsMode } from "./tls-context";
