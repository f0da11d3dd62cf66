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
export { signIn, signInInput } from "./sign-in";
export { LOGIN_POLICY, backoffMs } from "./login-throttle";
export { signOut } from "./sign-out";
export { createUser, createUserInput, updateUser, updateUserInput, listUsers, generatePassword, passwordSchema } from "./manage-users";
export { ensureDemoUsers, DEMO_USERS } from "./ensure-demo-users";
export { createApiToken, createApiTokenInput, revokeApiToken, listApiTokens, TOKEN_PREFIX, type ApiTokenRow } from "./api-tokens";
export { authenticateToken, actorOf, type TokenPrincipal } from "./authenticate-token";
