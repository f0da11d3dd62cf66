/** The address lists a router's WANs keep their clients on: in WAN order, each once, WANs without a list skipped. */
export function wanListsOf(wans: readonly { addressList: string | null }[]): string[] {
  return [...new Set(wans.map((w) => w.addressList).filter((list): list is string => Boolean(list)))];
}
