export default function Loading() {
  return (
    <section className="panel" aria-busy="true" data-testid="loading">
      <p className="muted">Reading the latest polls from the database…</p>
    </section>
  );
}
