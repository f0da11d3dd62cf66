"use client";

// Next.js error boundary: the server's message stays on the server (production hides it); the digest
// ties this screen to the server log line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="panel" role="alert" data-testid="page-error">
      <h1>This page could not be read</h1>
      <p>
        WANscope could not load the data for this page. The database may be unreachable or restarting; the page will work again once it
        answers.
      </p>
      {error.digest && (
        <p className="muted small">
          Reference for the server log: <code>{error.digest}</code>
        </p>
      )}
      <button type="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
