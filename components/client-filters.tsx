import Link from "next/link";
import type { RouterParams } from "@/app/search-params";

/** GET form for the clients table on a router page; keeps the chart range. */
export function ClientFilters({ routerId, params, lists }: { routerId: number; params: RouterParams; lists: string[] }) {
  return (
    <form className="filters" method="get" action={`/routers/${routerId}#clients`} role="search" aria-label="Filter clients">
      <input type="hidden" name="range" value={params.range} />
      <label>
        Address or prefix
        <input type="search" name="cq" defaultValue={params.cq ?? ""} placeholder="192.168.0. or 10.0.0.0/24" maxLength={100} />
      </label>
      <label>
        List
        <select name="clist" defaultValue={params.clist ?? ""}>
          <option value="">all</option>
          {lists.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" name="cdual" value="1" defaultChecked={params.cdual} /> dual-listed only
      </label>
      <input type="hidden" name="csort" value={params.csort} />
      {params.cdir && <input type="hidden" name="cdir" value={params.cdir} />}
      <button type="submit" className="primary">
        Filter
      </button>
      <Link href={`/routers/${routerId}?range=${params.range}#clients`}>Clear</Link>
    </form>
  );
}
