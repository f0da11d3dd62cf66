/**
 * What a settings server action answers: a message, per-field errors to show next to inputs, and the
 * submitted values (React resets a form after its action, so a rejected form is refilled from them).
 */
export type FormState = { ok: boolean; message?: string; errors?: Record<string, string>; values?: Record<string, string> };
export const INITIAL_FORM_STATE: FormState = { ok: false };
