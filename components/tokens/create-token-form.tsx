"use client";
import { useActionState } from "react";
import { CsrfField } from "../csrf";
import { INITIAL_CREATE_TOKEN_STATE, type CreateTokenState } from "./create-token-state";

type CreateAction = (prev: CreateTokenState, form: FormData) => Promise<CreateTokenState>;

/** Make a token; the secret is shown here once, after which only its prefix is ever shown again. */
export function CreateTokenForm({ action }: { action: CreateAction }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_CREATE_TOKEN_STATE);
  return (
    <>
      {state.created && (
        <div className="status-ok" role="status" data-testid="token-created">
          <p>
            Token <strong>{state.created.name}</strong> ({state.created.scope}) created. Copy it now: it is not shown again.
          </p>
          <code data-testid="token-secret" className="token-secret">
            {state.created.token}
          </code>
        </div>
      )}
      {state.error && (
        <p className="error-text" role="alert" data-testid="token-error">
          {state.error}
        </p>
      )}
      <form action={formAction} className="filters" data-testid="create-token">
        <CsrfField />
        <label>
          Name
          <input name="name" required maxLength={80} placeholder="prometheus" />
        </label>
        <label>
          Scope
          <select name="scope" defaultValue="metrics">
            <option value="metrics">metrics (scrape /metrics only)</option>
            <option value="viewer">viewer (read the API)</option>
            <option value="operator">operator (also act on clients, acknowledge)</option>
            <option value="admin">admin (also manage routers)</option>
          </select>
        </label>
        <label>
          Expires (UTC, optional)
          <input type="datetime-local" name="expiresAt" />
        </label>
        <button type="submit" className="primary" disabled={pending}>
          Create token
        </button>
      </form>
    </>
  );
}
