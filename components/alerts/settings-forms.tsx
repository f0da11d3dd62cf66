"use client";
import { useActionState, type ReactNode } from "react";
import { RULE_HELP, RULE_KINDS, RULE_LABEL } from "@/lib/alerts/rules";
import { INITIAL_FORM_STATE, type FormState } from "./form-state";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

function FieldError({ errors, name }: { errors?: Record<string, string>; name: string }) {
  const message = errors?.[name];
  return message ? (
    <span className="field-error status-bad small" id={`err-${name}`} role="alert" data-testid={`error-${name}`}>
      {message}
    </span>
  ) : null;
}

/** A settings form: shows the action's message and each field's error beside it. */
function ActionForm({
  action,
  children,
  submit,
  testId,
  className,
}: {
  action: Action;
  children: (errors: Record<string, string> | undefined, v: (name: string, fallback?: string) => string | undefined) => ReactNode;
  submit: string;
  testId: string;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const v = (name: string, fallback?: string) => (state.ok ? fallback : (state.values?.[name] ?? fallback));
  return (
    // Keyed by the answer so a rejected form re-renders with the submitted values as defaults.
    <form
      key={JSON.stringify(state.values ?? {}) + String(state.ok)}
      action={formAction}
      className={className ?? "filters"}
      data-testid={testId}
      noValidate
    >
      {children(state.errors, v)}
      <button type="submit" className="primary" disabled={pending}>
        {pending ? "…" : submit}
      </button>
      {state.message && (
        <span role="status" className={state.ok ? "status-ok" : "status-bad"} data-testid={`${testId}-message`}>
          {state.message}
        </span>
      )}
    </form>
  );
}

function Field({ label, name, errors, children }: { label: string; name: string; errors?: Record<string, string>; children: ReactNode }) {
  return (
    <label>
      {label}
      {children}
      <FieldError errors={errors} name={name} />
    </label>
  );
}

/** One-button forms (delete, end, send test) carrying an id. */
export function IdButton({ action, id, label, testId }: { action: Action; id: number; label: string; testId: string }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form
      action={formAction}
      className="inline-form"
      style={{ display: "inline-flex", gap: "0.5em", alignItems: "center", marginLeft: "0.5em" }}
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} data-testid={testId}>
        {pending ? "…" : label}
      </button>
      {state.message && (
        <span role="status" className={state.ok ? "status-ok small" : "status-bad small"} data-testid={`${testId}-message`}>
          {state.message}
        </span>
      )}
    </form>
  );
}

type RouterOption = { id: number; name: string };

/** Fleet default (no router chosen) or a router's override of one rule. */
export function RuleForm({ action, routers }: { action: Action; routers: RouterOption[] }) {
  return (
    <ActionForm action={action} submit="Save rule" testId="rule-form">
      {(errors, v) => (
        <>
          <Field label="Rule" name="rule" errors={errors}>
            <select name="rule" defaultValue={v("rule", "imbalance")} aria-describedby="rule-help">
              {RULE_KINDS.map((r) => (
                <option key={r} value={r} title={RULE_HELP[r]}>
                  {RULE_LABEL[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Applies to" name="routerId" errors={errors}>
            <select name="routerId" defaultValue={v("routerId", "")}>
              <option value="">the whole fleet (default)</option>
              {routers.map((r) => (
                <option key={r.id} value={r.id}>
                  override for {r.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Threshold" name="threshold" errors={errors}>
            <input
              name="threshold"
              defaultValue={v("threshold")}
              inputMode="decimal"
              placeholder="inherit"
              size={7}
              aria-invalid={Boolean(errors?.threshold)}
            />
          </Field>
          <Field label="Clears below" name="clearThreshold" errors={errors}>
            <input
              name="clearThreshold"
              defaultValue={v("clearThreshold")}
              inputMode="decimal"
              placeholder="inherit"
              size={7}
              aria-invalid={Boolean(errors?.clearThreshold)}
            />
          </Field>
          <Field label="For (seconds)" name="forSeconds" errors={errors}>
            <input
              name="forSeconds"
              inputMode="numeric"
              defaultValue={v("forSeconds", "0")}
              size={6}
              aria-invalid={Boolean(errors?.forSeconds)}
            />
          </Field>
          <Field label="Severity" name="severity" errors={errors}>
            <select name="severity" defaultValue={v("severity", "warning")}>
              <option value="info">info</option>
              <option value="warning">warning</option>
              <option value="critical">critical</option>
            </select>
          </Field>
          <label className="checkbox">
            <input type="checkbox" name="enabled" defaultChecked /> enabled
          </label>
        </>
      )}
    </ActionForm>
  );
}

const isoMinute = (d: Date) => d.toISOString().slice(0, 16);

/** A maintenance window in UTC; empty router or rule means all of them. */
export function SilenceForm({ action, routers, now }: { action: Action; routers: RouterOption[]; now: string }) {
  const start = new Date(now);
  return (
    <ActionForm action={action} submit="Add silence" testId="silence-form">
      {(errors, v) => (
        <>
          <Field label="Router" name="routerId" errors={errors}>
            <select name="routerId" defaultValue={v("routerId", "")}>
              <option value="">all routers</option>
              {routers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Rule" name="rule" errors={errors}>
            <select name="rule" defaultValue={v("rule", "")}>
              <option value="">all rules</option>
              {RULE_KINDS.map((r) => (
                <option key={r} value={r}>
                  {RULE_LABEL[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="From (UTC)" name="startsAt" errors={errors}>
            <input
              type="datetime-local"
              name="startsAt"
              defaultValue={v("startsAt", isoMinute(start))}
              aria-invalid={Boolean(errors?.startsAt)}
            />
          </Field>
          <Field label="Until (UTC)" name="endsAt" errors={errors}>
            <input
              type="datetime-local"
              name="endsAt"
              defaultValue={v("endsAt", isoMinute(new Date(start.getTime() + 3_600_000)))}
              aria-invalid={Boolean(errors?.endsAt)}
            />
          </Field>
          <Field label="Reason" name="reason" errors={errors}>
            <input
              name="reason"
              defaultValue={v("reason")}
              maxLength={200}
              placeholder="e.g. ISP maintenance"
              aria-invalid={Boolean(errors?.reason)}
            />
          </Field>
        </>
      )}
    </ActionForm>
  );
}

/** A webhook (JSON, signed when a secret is set), a Slack-compatible incoming webhook, email, ntfy or Telegram. */
export function ChannelForm({ action }: { action: Action }) {
  return (
    <ActionForm action={action} submit="Add channel" testId="channel-form">
      {(errors, v) => (
        <>
          <Field label="Name" name="name" errors={errors}>
            <input name="name" defaultValue={v("name")} maxLength={80} aria-invalid={Boolean(errors?.name)} />
          </Field>
          <Field label="Kind" name="kind" errors={errors}>
            <select name="kind" defaultValue={v("kind", "webhook")}>
              <option value="webhook">webhook (JSON)</option>
              <option value="slack">Slack-compatible</option>
              <option value="email">email (SMTP)</option>
              <option value="ntfy">ntfy (topic URL)</option>
              <option value="telegram">Telegram (bot)</option>
            </select>
          </Field>
          <Field label="Target: URL, email addresses, or Telegram chat id" name="target" errors={errors}>
            <input
              name="target"
              defaultValue={v("target")}
              type="text"
              size={40}
              placeholder="https://hooks.example.com/wanscope"
              aria-invalid={Boolean(errors?.target)}
            />
          </Field>
          <Field label="Secret: webhook signing key, ntfy access token (optional), or Telegram bot token" name="secret" errors={errors}>
            <input name="secret" type="password" autoComplete="new-password" size={24} aria-invalid={Boolean(errors?.secret)} />
          </Field>
          <label className="checkbox">
            <input type="checkbox" name="enabled" defaultChecked /> enabled
          </label>
        </>
      )}
    </ActionForm>
  );
}
