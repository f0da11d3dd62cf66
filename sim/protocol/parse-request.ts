// Turns the words of one request sentence into a command, attributes, API attributes and query
// words. RouterOS accepts `.tag` anywhere after the command, `=key` and `=key=` as empty values,
// and `.proplist` either as an API attribute or as `=.proplist=`.

import type { Attributes } from "./router-api";

export type ApiRequest = {
  command: string;
  /** `=key=value` words (`.id`, `.proplist` included when sent that way). */
  attributes: Attributes;
  /** `.name=value` words other than `.tag`. */
  apiAttributes: Attributes;
  tag: string | undefined;
  /** Query words without the leading `?`, in order. */
  queries: string[];
  /** Words that are none of the above; RouterOS rejects them. */
  unknownWords: string[];
};

export function parseRequest(words: readonly string[]): ApiRequest {
  const request: ApiRequest = {
    command: words[0] ?? "",
    attributes: {},
    apiAttributes: {},
    tag: undefined,
    queries: [],
    unknownWords: [],
  };
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index] as string;
    const first = word.charCodeAt(0);
    if (first === 0x3d /* = */) {
      const separator = word.indexOf("=", 1);
      if (separator === -1) request.attributes[word.slice(1)] = "";
      else request.attributes[word.slice(1, separator)] = word.slice(separator + 1);
    } else if (first === 0x2e /* . */) {
      const separator = word.indexOf("=");
      const name = separator === -1 ? word.slice(1) : word.slice(1, separator);
      const value = separator === -1 ? "" : word.slice(separator + 1);
      if (name === "tag") request.tag = value;
      else request.apiAttributes[name] = value;
    } else if (first === 0x3f /* ? */) {
      request.queries.push(word.slice(1));
    } else {
      request.unknownWords.push(word);
    }
  }
  return request;
}

/** `.proplist` from either spelling, split on commas; undefined means "all properties". */
export function proplistOf(request: ApiRequest): string[] | undefined {
  const raw = request.attributes[".proplist"] ?? request.apiAttributes["proplist"];
  if (raw === undefined) return undefined;
  return raw === "" ? [] : raw.split(",");
}

/** Splits `/ip/firewall/address-list/print` into menu path and verb. */
export function splitCommand(command: string): { path: string; verb: string } {
  const slash = command.lastIndexOf("/");
  if (slash <= 0) return { path: "", verb: command.slice(slash + 1) };
  return { path: command.slice(0, slash), verb: command.slice(slash + 1) };
}
