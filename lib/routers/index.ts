export { addRouter, addRouterInput, type AddRouterInput } from "./add-router";
export { upsertRouterConnection } from "./upsert-router";
