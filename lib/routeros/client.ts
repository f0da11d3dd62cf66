import type { RosRow } from "./parse";
import type { RouterOsVersion } from "./version";

/**
 * What a datasource needs from a session: run one API sentence, know the version. Words are sent as given
 * (`/ip/route/print`, `=.proplist=...`, `?dst-address=0.0.0.0/0`); rows come back as key → value.
 */
export type RouterClient = {
  run(words: readonly string[]): Promise<RosRow[]>;
  /** Read once per connection from /system/resource; connects first when needed. */
  version(): Promise<RouterOsVersion>;
};

/** `?name=a ?name=b ?#|`: rows whose `key` is any of `values` (RouterOS query stack, OR-ed). */
export function anyOf(key: string, values: readonly string[]): string[] {
  if (values.length === 0) return [];
  const words = values.map((value) => `?${key}=${value}`);
  if (values.length > 1) words.push(`?#${"|".repeat(values.length - 1)}`);
  return words;
}

export function proplist(fields: readonly string[]): string {
  return `=.proplist=${fields.join(",")}`;
}
