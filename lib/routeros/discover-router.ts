import type { RouterClient } from "./client";
import { readIpAddresses } from "./datasources/ip-addresses";
import { readMangle } from "./datasources/mangle";
import { readNat } from "./datasources/nat";
import { readDefaultRoutes } from "./datasources/routes";
import { readRoutingTables } from "./datasources/routing-tables";
import { discoverBalancing, type BalancingConfig, type BalancingSetup } from "./discover";

// Reads what discovery needs (five small prints) and runs the pure discovery over it.

export async function readBalancingConfig(options: { client: RouterClient }): Promise<BalancingConfig> {
  const { client } = options;
  const [mangle, nat, routes, routingTables, ipAddresses] = await Promise.all([
    readMangle({ client }),
    readNat({ client }),
    readDefaultRoutes({ client }),
    readRoutingTables({ client }),
    readIpAddresses({ client }),
  ]);
  return { routing: (await client.version()).routing, mangle, nat, routes, routingTables, ipAddresses };
}

export async function discoverRouter(options: { client: RouterClient }): Promise<{ setup: BalancingSetup; config: BalancingConfig }> {
  const config = await readBalancingConfig({ client: options.client });
  return { setup: discoverBalancing(config), config };
}
