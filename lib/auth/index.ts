export { hashPassword, verifyPassword } from "./password";
export {
  ROLES,
  roleSchema,
  hasRole,
  TOKEN_SCOPES,
  tokenScopeSchema,
  scopeAllows,
  type Role,
  type SignedInUser,
  type Actor,
  type TokenScope,
} from "./roles";
export { SESSION_COOKIE, sealSessionToken, unsealSessionToken, hashToken, sameToken } from "./session-token";
export { createSession } from "./create-session";
export { resolveSession, type ResolvedSession } from "./resolve-session";
export { signIn, signInInput, MAX_FAILURES_PER_EMAIL } from "./sign-in";
export { signOut } from "./sign-out";
export { createUser, createUserInput, updateUser, updateUserInput, listUsers, generatePassword, passwordSchema } from "./manage-users";
export { ensureDemoUsers, DEMO_USERS } from "./ensure-demo-users";
export { createApiToken, createApiTokenInput, revokeApiToken, listApiTokens, TOKEN_PREFIX, type ApiTokenRow } from "./api-tokens";
export { authenticateToken, actorOf, clientIp, type TokenPrincipal } from "./authenticate-token";
