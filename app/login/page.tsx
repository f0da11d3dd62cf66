import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/request";

export const dynamic = "force-dynamic";

const MESSAGES: Record<string, string> = {
  unauthenticated: "Wrong email or password, or the account is disabled.",
  rate_limited: "Too many failed sign-in attempts. Wait 15 minutes and try again.",
  validation_failed: "Enter an email address and a password.",
  forbidden: "The sign-in form expired; try again.",
};

// Only same-site paths after sign-in: never send a user to another host from a query parameter.
const safeNext = (value: unknown): string =>
  typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : "/";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(params.next);
  if (await currentSession()) redirect(next);
  const error = typeof params.error === "string" ? (MESSAGES[params.error] ?? "Sign-in failed.") : null;
  return (
    <section className="panel" style={{ maxWidth: "28em", margin: "2em auto" }}>
      <h1>Sign in</h1>
      {error && (
        <p className="error-text" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
      <form method="post" action="/api/auth/login" className="stack" data-testid="login-form">
        <input type="hidden" name="next" value={next} />
        <label>
          Email
          <br />
          <input type="email" name="email" autoComplete="username" required maxLength={200} autoFocus />
        </label>
        <label>
          Password
          <br />
          <input type="password" name="password" autoComplete="current-password" required maxLength={200} />
        </label>
        <p>
          <button type="submit" className="primary">
            Sign in
          </button>
        </p>
      </form>
    </section>
  );
}
