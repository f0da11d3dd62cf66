import Link from "next/link";
import { HEALTH_LABEL, HEALTHS, type Health } from "@/lib/metrics/router-health";
import type { FleetParams } from "@/app/search-params";
import { PAGE_SIZES } from "@/app/search-params";

/** A plain GET form: works without JavaScript and puts every filter in the URL. */
export function FleetFilters({
  params,
  sites,
  tags,
  healthCounts,
}: {
  params: FleetParams;
  sites: string[];
  tags: string[];
  healthCounts: Record<Health, number>;
}) {
  const status = params.status[0] ?? "";
  return (
    <form className="filters" method="get" action="/" role="search" aria-label="Filter routers" data-testid="fleet-filters">
      <label>
        Search name or client IP
        <input type="search" name="q" defaultValue={params.q ?? ""} placeholder="gw-12 or 192.168.0.23" maxLength={100} />
      </label>
      <label>
        Status
        <select name="status" defaultValue={params.status.length > 1 ? params.status.join(",") : status}>
          <option value="">all</option>
          {params.status.length > 1 && <option value={params.status.join(",")}>{params.status.join(", ")}</option>}
          {HEALTHS.map((h) => (
            <option key={h} value={h}>
              {HEALTH_LABEL[h]} ({healthCounts[h]})
            </option>
          ))}
        </select>
      </label>
      <label>
        Site
        <select name="site" defaultValue={params.site ?? ""}>
          <option value="">all</option>
          {sites.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tag
        <select name="tag" defaultValue={params.tag ?? ""}>
          <option value="">all</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" name="imbalanced" value="1" defaultChecked={params.imbalanced} /> imbalanced
      </label>
      <label className="checkbox">
        <input type="checkbox" name="dual" value="1" defaultChecked={params.dual} /> has dual-listed
      </label>
      <label>
        Per page
        <select name="size" defaultValue={String(params.size)}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <input type="hidden" name="sort" value={params.sort} />
      {params.dir && <input type="hidden" name="dir" value={params.dir} />}
      <button type="submit" className="primary">
        Apply
      </button>
      <Link href="/">Clear</Link>
    </form>
  );
}
