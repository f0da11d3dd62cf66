"use client";
import { useActionState, useRef, useState, useSyncExternalStore, useTransition, type ReactNode } from "react";
import { CsrfField } from "../csrf";
import { ConnectionReportView } from "./connection-report";
import { INITIAL_ROUTER_FORM_STATE, type RouterFormState, type TestConnectionAnswer } from "./form-state";

export type RouterFormDefaults = {
  id?: number;
  name: string;
  host: string;
  port: string;
  tlsMode: string;
  tlsCaPem: string;
  tlsFingerprint: string;
  username: string;
  pollIntervalSec: string;
  site: string;
  tags: string;
  enabled: boolean;
};

const noSubscribe = () => () => {};

type SaveAction = (prev: RouterFormState, form: FormData) => Promise<RouterFormState>;
type TestAction = (form: FormData) => Promise<TestConnectionAnswer>;

function Field({
  label,
  name,
  errors,
  children,
  hint,
}: {
  label: string;
  name: string;
  errors?: Record<string, string>;
  children: ReactNode;
  hint?: string;
}) {
  const message = errors?.[name];
  return (
    <label>
      {label}
      {children}
      {hint && <span className="muted small">{hint}</span>}
      {message && (
        <span className="field-error status-bad small" role="alert" data-testid={`error-${name}`}>
          {message}
        </span>
      )}
    </label>
  );
}

/**
 * Add or edit a router. The password is write-only: never filled in; on edit, empty keeps the stored
 * one. "Test connection" sends the form's fields (with the CSRF token) without saving or resetting it.
 */
export function RouterForm({
  defaults,
  save,
  test,
  hasStoredPassword,
}: {
  defaults: RouterFormDefaults;
  save: SaveAction;
  test: TestAction;
  hasStoredPassword: boolean;
}) {
  const [state, formAction, saving] = useActionState(save, INITIAL_ROUTER_FORM_STATE);
  const [answer, setAnswer] = useState<TestConnectionAnswer | null>(null);
  const [testing, startTest] = useTransition();
  // False in the server render, true once hydrated: the test button needs the client's onClick.
  const hydrated = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const formRef = useRef<HTMLFormElement>(null);
  const v = (name: keyof RouterFormDefaults): string => state.values?.[name] ?? String(defaults[name] ?? "");
  const [tlsMode, setTlsMode] = useState(v("tlsMode"));
  const errors = { ...(answer && !answer.ok && answer.code === "invalid" ? answer.errors : {}), ...state.errors };
  const runTest = () => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    startTest(async () => setAnswer(await test(data)));
  };
  const enabled = state.values ? state.values.enabled === "on" : defaults.enabled;
  return (
    <form
      key={JSON.stringify(state.values ?? {}) + String(state.ok)}
      ref={formRef}
      action={formAction}
      className="filters router-form"
      data-testid="router-form"
      noValidate
    >
      <CsrfField />
      {defaults.id !== undefined && <input type="hidden" name="id" value={defaults.id} />}
      <Field label="Name" name="name" errors={errors}>
        <input name="name" defaultValue={v("name")} required maxLength={100} />
      </Field>
      <Field label="Host" name="host" errors={errors}>
        <input name="host" defaultValue={v("host")} required maxLength={253} />
      </Field>
      <Field label="Port" name="port" errors={errors} hint="8728 (API) / 8729 (API-SSL) when empty">
        <input name="port" inputMode="numeric" defaultValue={v("port")} size={6} />
      </Field>
      <Field label="TLS" name="tlsMode" errors={errors}>
        <select name="tlsMode" defaultValue={tlsMode} onChange={(e) => setTlsMode(e.target.value)}>
          <option value="none">none (plain API)</option>
          <option value="verify_ca">verify against a CA</option>
          <option value="pin_fingerprint">pin certificate fingerprint</option>
          <option value="anonymous_dh">anonymous DH (no certificate)</option>
        </select>
      </Field>
      {tlsMode === "verify_ca" && (
        <Field label="CA certificate (PEM)" name="tlsCaPem" errors={errors}>
          <textarea name="tlsCaPem" defaultValue={v("tlsCaPem")} rows={4} cols={50} placeholder="-----BEGIN CERTIFICATE-----" />
        </Field>
      )}
      {tlsMode === "pin_fingerprint" && (
        <Field label="Certificate SHA-256 fingerprint" name="tlsFingerprint" errors={errors}>
          <input name="tlsFingerprint" defaultValue={v("tlsFingerprint")} size={64} />
        </Field>
      )}
      <Field label="User" name="username" errors={errors}>
        <input name="username" defaultValue={v("username")} required maxLength={100} autoComplete="off" />
      </Field>
      <Field
        label="Password"
        name="password"
        errors={errors}
        hint={hasStoredPassword ? "stored encrypted; leave empty to keep it" : undefined}
      >
        <input
          type="password"
          name="password"
          defaultValue=""
          maxLength={200}
          autoComplete="new-password"
          placeholder={hasStoredPassword ? "(unchanged)" : ""}
        />
      </Field>
      <Field label="Poll every (s)" name="pollIntervalSec" errors={errors}>
        <input name="pollIntervalSec" inputMode="numeric" defaultValue={v("pollIntervalSec")} size={5} />
      </Field>
      <Field label="Site" name="site" errors={errors}>
        <input name="site" defaultValue={v("site")} maxLength={100} />
      </Field>
      <Field label="Tags (comma-separated)" name="tags" errors={errors}>
        <input name="tags" defaultValue={v("tags")} />
      </Field>
      {defaults.id !== undefined && (
        <label>
          Enabled
          <input type="checkbox" name="enabled" defaultChecked={enabled} />
        </label>
      )}
      <button type="button" onClick={runTest} disabled={!hydrated || testing} data-testid="test-connection">
        {testing ? "Testing…" : "Test connection"}
      </button>
      <button type="submit" className="primary" disabled={saving} data-testid="save-router">
        {saving ? "…" : "Save"}
      </button>
      {state.message && (
        <span role="status" className={state.ok ? "status-ok" : "status-bad"} data-testid="router-form-message">
          {state.message}
        </span>
      )}
      {answer && (
        <div style={{ flexBasis: "100%" }}>
          <ConnectionReportView answer={answer} />
        </div>
      )}
    </form>
  );
}
