import Link from "next/link";
import { formatInt } from "@/lib/format";

/** Previous / next links for a paged table; `hrefFor(page)` keeps the other parameters. */
export function Pager({
  page,
  pageCount,
  matching,
  noun,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  matching: number;
  noun: string;
  hrefFor: (page: number) => string;
}) {
  return (
    <nav className="pager" aria-label={`${noun} pages`}>
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className="muted">← Previous</span>
      )}
      <span data-testid="pager-status">
        Page {page} of {pageCount} · {formatInt(matching)} {noun}
      </span>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span className="muted">Next →</span>
      )}
    </nav>
  );
}
