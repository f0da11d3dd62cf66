import type { Menu } from "../../protocol/router-api";
import { formatBool, formatId } from "../format";
import type { SimRouter } from "../router";

export function ipAddressMenu(router: SimRouter): Menu {
  return {
    print: () =>
      router.dataplane.config.addresses.map((a, i) => {
        const iface = router.dataplane.interfaces.get(a.interface);
        return {
          ".id": formatId(i + 1),
          address: a.text,
          network: a.network,
          interface: a.interface,
          "actual-interface": a.interface,
          invalid: formatBool(iface === undefined || !iface.running),
          dynamic: formatBool(a.dynamic === true),
          disabled: formatBool(a.disabled),
          ...(a.comment === undefined ? {} : { comment: a.comment }),
        };
      }),
  };
}
