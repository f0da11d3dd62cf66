import Link from "next/link";

/** A column header that sorts by its key; a second click flips the direction. */
export function SortHeader({
  label,
  sortKey,
  current,
  dir,
  hrefFor,
  numeric,
}: {
  label: string;
  sortKey: string;
  current: string;
  dir: "asc" | "desc";
  hrefFor: (sort: string, dir: "asc" | "desc" | undefined) => string;
  numeric?: boolean;
}) {
  const active = current === sortKey;
  const ariaSort = active ? (dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th aria-sort={ariaSort} className={numeric ? "num" : undefined}>
      <Link href={hrefFor(sortKey, active ? (dir === "asc" ? "desc" : "asc") : undefined)}>
        {label}
        {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}
