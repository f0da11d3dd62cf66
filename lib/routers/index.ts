export { addRouter, addRouterInput, type AddRouterInput } from "./add-router";
