// router_samples.list_counts is JSON written by the poller: keep only { list: number } entries.
export function listCounts(value: unknown): { list: string; clients: number }[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number")
    .map(([list, clients]) => ({ list, clients }))
    .sort((a, b) => a.list.localeCompare(b.list));
}
