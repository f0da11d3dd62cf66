"use client";

// When even the root layout fails: still a page that says what may be wrong and tries again.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="content">
          <section className="panel" role="alert" data-testid="page-error">
            <h1>WANscope could not show this page</h1>
            <p>The server could not build this page. The database may be unreachable or restarting; try again in a moment.</p>
            {error.digest && (
              <p className="muted small">
                Reference for the server log: <code>{error.digest}</code>
              </p>
            )}
            <button type="button" onClick={reset}>
              Try again
            </button>
          </section>
        </main>
      </body>
    </html>
  );
}
