// Links that keep the page's other query parameters: a sort link keeps the filters, a filter drops
// the page number. Values that are undefined, empty or false are left out of the URL.

export type QueryValues = Record<string, string | number | boolean | string[] | undefined | null>;

function encode(value: QueryValues[string]): string | null {
  if (value === undefined || value === null || value === false || value === "") return null;
  if (value === true) return "1";
  if (Array.isArray(value)) return value.length > 0 ? value.join(",") : null;
  return String(value);
}

export function hrefWith(options: { path: string; current: QueryValues; changes?: QueryValues; defaults?: QueryValues }): string {
  const merged: QueryValues = { ...options.current, ...options.changes };
  const search = new URLSearchParams();
  for (const key of Object.keys(merged).sort()) {
    const value = encode(merged[key]);
    if (value === null || value === encode(options.defaults?.[key])) continue;
    search.set(key, value);
  }
  const query = search.toString();
  return query ? `${options.path}?${query}` : options.path;
}
