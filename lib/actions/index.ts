export { writeAudit, type AuditInput } from "./write-audit";
export { applyMembership, readMembership, membershipMatches, type Membership, type MembershipPlan } from "./apply-membership";
export { runClientAction, routerErrorText, type ActionsContext } from "./run-client-action";
export { requestClientActions, clientActionInput, JOB_FOR_KIND, type ClientActionInput } from "./request-client-actions";
export { suggestKeepLists, type KeepSuggestion } from "./suggest-keep-list";
export { previewClient } from "./preview-client";
