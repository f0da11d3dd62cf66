import { RouterTrap, type Menu } from "../../protocol/router-api";
import { formatDuration } from "../format";
import type { SimRouter } from "../router";

const TOTAL_MEMORY = 268_435_456;

export function systemResourceMenu(router: SimRouter): Menu {
  return {
    print: () => {
      const conns = router.dataplane.conns.size;
      const used = 38_000_000 + conns * 320 + router.dataplane.lists.size * 160;
      return [
        {
          uptime: formatDuration(router.uptimeMs()),
          version: router.personality.version,
          "build-time": router.personality.buildTime,
          "factory-software": "6.44.6",
          "free-memory": String(Math.max(TOTAL_MEMORY - used, 4_000_000)),
          "total-memory": String(TOTAL_MEMORY),
          cpu: "ARMv7",
          "cpu-count": "4",
          "cpu-frequency": "1400",
          "cpu-load": String(router.cpuLoad()),
          "free-hdd-space": "95481856",
          "total-hdd-space": "134217728",
          "write-sect-since-reboot": "512",
          "write-sect-total": "88211",
          "bad-blocks": "0",
          "architecture-name": "arm",
          "board-name": "RB4011iGS+",
          platform: "MikroTik",
        },
      ];
    },
  };
}

export function systemIdentityMenu(router: SimRouter): Menu {
  return {
    print: () => [{ name: router.identity }],
    commands: {
      set: (attributes) => {
        const name = attributes.name;
        if (name === undefined || name === "") throw new RouterTrap("expected name");
        router.identity = name;
        return { kind: "done" };
      },
    },
  };
}
