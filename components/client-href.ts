/** The client history page of one address on one router (addresses may hold "/" as in CIDR entries). */
export function clientHref(options: { routerId: number; address: string }): string {
  return `/routers/${options.routerId}/clients/${encodeURIComponent(options.address)}`;
}
