export { addRouter, addRouterInput, routerFields, checkTlsFields, type AddRouterInput } from "./add-router";
export { upsertRouterConnection } from "./upsert-router";
export { resyncPollSchedulers, routerSummary, type AuditUser, type RouterAdminCtx } from "./context";
export { createRouter } from "./create-router";
export { updateRouter, updateRouterInput, type UpdateRouterInput } from "./update-router";
export { setRouterEnabled } from "./set-router-enabled";
export { deleteRouter } from "./delete-router";
export { correctWans, correctWansInput, type CorrectWansInput } from "./correct-wans";
export {
  testConnection,
  testConnectionInput,
  probeRouter,
  connectionFailure,
  type TestConnectionInput,
  type ConnectionReport,
  type ConnectionFailure,
  type DiscoveredWanSummary,
} from "./test-connection";
export { routerConnectionSettings, routerTls } from "./router-connection";
