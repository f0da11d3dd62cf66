/** An interface's link state and counters; the counters add up with the traffic forwarded through it. */
export class InterfaceState {
  running = true;
  disabled = false;
  linkDowns = 0;
  rxByte = 0;
  txByte = 0;
  rxPacket = 0;
  txPacket = 0;
  /** counters one traffic-second ago, for monitor-traffic */
  sample = { rxByte: 0, txByte: 0, rxPacket: 0, txPacket: 0 };
  rate = { rxBps: 0, txBps: 0, rxPps: 0, txPps: 0 };
  lastLinkUp: number;

  readonly type: string;
  /** the board port this interface is (ether1, wlan1...), when it is one */
  defaultName: string | undefined;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly mac: string,
    now: number,
    type?: string,
  ) {
    this.lastLinkUp = now;
    this.type = type ?? (name.startsWith("wlan") ? "wlan" : name.startsWith("pppoe") ? "pppoe-out" : "ether");
  }

  receive(bytes: number, packets: number): void {
    this.rxByte += bytes;
    this.rxPacket += packets;
  }

  send(bytes: number, packets: number): void {
    this.txByte += bytes;
    this.txPacket += packets;
  }

  /** Called once per traffic-second: the rates monitor-traffic reports. */
  takeSample(seconds: number): void {
    this.rate = {
      rxBps: Math.round(((this.rxByte - this.sample.rxByte) * 8) / seconds),
      txBps: Math.round(((this.txByte - this.sample.txByte) * 8) / seconds),
      rxPps: Math.round((this.rxPacket - this.sample.rxPacket) / seconds),
      txPps: Math.round((this.txPacket - this.sample.txPacket) / seconds),
    };
    this.sample = { rxByte: this.rxByte, txByte: this.txByte, rxPacket: this.rxPacket, txPacket: this.txPacket };
  }

  resetCounters(): void {
    this.rxByte = this.txByte = this.rxPacket = this.txPacket = 0;
    this.sample = { rxByte: 0, txByte: 0, rxPacket: 0, txPacket: 0 };
    this.rate = { rxBps: 0, txBps: 0, rxPps: 0, txPps: 0 };
  }
}
