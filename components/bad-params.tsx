import Link from "next/link";

/** Shown instead of a page when its query string does not validate: what is wrong and a way back. */
export function BadParams({ issues, resetHref }: { issues: string[]; resetHref: string }) {
  return (
    <section className="panel" role="alert" data-testid="bad-params">
      <h1>This link has parameters WANscope cannot read</h1>
      <ul>
        {issues.map((issue) => (
          <li key={issue}>
            <code>{issue}</code>
          </li>
        ))}
      </ul>
      <p>
        <Link href={resetHref}>Open the page without them</Link>
      </p>
    </section>
  );
}
