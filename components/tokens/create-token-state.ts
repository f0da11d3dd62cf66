export type CreateTokenState = { created: { name: string; scope: string; token: string } | null; error: string | null };
export const INITIAL_CREATE_TOKEN_STATE: CreateTokenState = { created: null, error: null };
