export default function Loading() {
  return (
    <section className="panel" aria-busy="true" data-testid="loading">
      <p className="muted">Reading this router&apos;s samples and clients…</p>
    </section>
  );
}
