// IPv4 as unsigned 32-bit numbers: model data only, nothing here ever opens a socket to these.
export type Cidr = { network: number; prefix: number; mask: number };

export function parseIp(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value >>> 0;
}

export function formatIp(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

export function parseCidr(text: string): Cidr | undefined {
  const [ip, len, extra] = text.split("/");
  if (ip === undefined || extra !== undefined) return undefined;
  const address = parseIp(ip);
  const prefix = len === undefined ? 32 : /^\d{1,2}$/.test(len) ? Number(len) : -1;
  if (address === undefined || prefix < 0 || prefix > 32) return undefined;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { network: (address & mask) >>> 0, prefix, mask };
}

export function inCidr(address: number, cidr: Cidr): boolean {
  return (address & cidr.mask) >>> 0 === cidr.network;
}

/** RouterOS prints a /32 as the bare address. */
export function formatCidr(cidr: Cidr): string {
  return cidr.prefix === 32 ? formatIp(cidr.network) : `${formatIp(cidr.network)}/${cidr.prefix}`;
}
