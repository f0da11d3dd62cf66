// Configuration audit (issue 16): why a gateway balances badly, and fixes that can be applied safely.
export * from "./types";
export * from "./snapshot";
export * from "./evidence";
export { parseSnapshot, describeRow, type AuditModel } from "./model";
export { readConfigSnapshot, canWrite } from "./read-snapshot";
export { renderScript, commandWords } from "./render-script";
export { applyCommands, PredictError } from "./predict";
export { auditSnapshot, previewFix, findFix, type AuditReport, type FixPreview } from "./run-audit";
