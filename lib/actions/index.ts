export { writeAudit, type AuditInput } from "./write-audit";
export { applyMembership, readMembership, membershipMatches, type Membership, type MembershipPlan } from "./apply-membership";
export { runClientAction, actionErrorText, type ActionsContext } from "./run-client-action";
export { requestClientActions, clientActionInput, clientActionJobId, JOB_FOR_KIND, type ClientActionInput } from "./request-client-actions";
export { sweepClientActions, ACTION_EXPIRE_AFTER_MS, ACTION_RESEND_AFTER_MS } from "./sweep-client-actions";
export { suggestKeepLists, type KeepSuggestion } from "./suggest-keep-list";
export { previewClient } from "./preview-client";
