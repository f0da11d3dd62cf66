import Link from "next/link";

/** The router's pages: live load and clients, and its balancing configuration with the audit's findings. */
export function RouterTabs({
  routerId,
  current,
  findings,
}: {
  routerId: number;
  current: "overview" | "configuration";
  findings?: number;
}) {
  return (
    <nav className="tabs" aria-label="Router pages" data-testid="router-tabs">
      <Link href={`/routers/${routerId}`} aria-current={current === "overview" ? "page" : undefined}>
        Overview
      </Link>
      <Link
        href={`/routers/${routerId}/configuration`}
        aria-current={current === "configuration" ? "page" : undefined}
        data-testid="tab-configuration"
      >
        Configuration{findings ? ` (${findings})` : ""}
      </Link>
    </nav>
  );
}
