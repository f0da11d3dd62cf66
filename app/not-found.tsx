import Link from "next/link";

export default function NotFound() {
  return (
    <section className="panel empty-state" data-testid="not-found">
      <h1>Not found</h1>
      <p className="muted">There is no such router or client here. It may have been removed.</p>
      <Link href="/">Back to the fleet</Link>
    </section>
  );
}
