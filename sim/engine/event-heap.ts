// A binary min-heap of timed callbacks: the only scheduler of the simulation, so per-connection work
// is event-driven and nothing loops over all connections on a tick.
// An event is its own cancel handle, so scheduling allocates one object and no extra closure.
export class SimEvent {
  cancelled = false;

  constructor(
    readonly at: number,
    readonly seq: number,
    readonly run: () => void,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }
}

export class EventHeap {
  private items: SimEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(at: number, run: () => void): SimEvent {
    const event = new SimEvent(at, this.seq++, run);
    const items = this.items;
    items.push(event);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (before(p, event)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = event;
    return event;
  }

  peek(): SimEvent | undefined {
    return this.items[0];
  }

  pop(): SimEvent | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(items[r]!, items[l]!) ? r : l;
      if (before(last, items[child]!)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
