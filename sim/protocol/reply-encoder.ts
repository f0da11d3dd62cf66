// Encodes reply sentences into chunks for the socket. Every sentence lies wholly inside one chunk
// (node-routeros hangs when a sentence is split across writes), while many small sentences share a
// chunk so a 10,000-row print is a few dozen writes, not 10,000.
// Words are latin1 (one byte per char), so a chunk is built as one JS string and converted once:
// far cheaper than a Buffer.write call per word.

import { WIRE_ENCODING } from "./word-codec";
import type { Row } from "./router-api";

const CHUNK_BYTES = 64 * 1024;
const fromCode = String.fromCharCode;

/** The length prefix of a word, as latin1 chars. */
function prefix(length: number): string {
  if (length < 0x80) return fromCode(length);
  if (length < 0x4000) return fromCode((length >>> 8) | 0x80, length & 0xff);
  if (length < 0x200000) return fromCode((length >>> 16) | 0xc0, (length >>> 8) & 0xff, length & 0xff);
  if (length < 0x10000000) {
    return fromCode((length >>> 24) | 0xe0, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
  }
  return fromCode(0xf0, length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
}

const RE = `${prefix(3)}!re`;

export class ReplyEncoder {
  private chunks: Buffer[] = [];
  private current = "";

  constructor(private readonly chunkBytes = CHUNK_BYTES) {}

  /** Bytes encoded and not yet taken. */
  get pendingBytes(): number {
    let total = this.current.length;
    for (const chunk of this.chunks) total += chunk.length;
    return total;
  }

  /** A sentence of ready-made words, e.g. `!done`, `.tag=3`, `=ret=*1`. */
  sentence(words: readonly string[]): void {
    let text = "";
    for (const word of words) text += prefix(word.length) + word;
    this.append(`${text}\0`);
  }

  /** `!re` (+ `.tag=`) and one `=key=value` word per property, only those in `proplist` when given. */
  row(row: Row, tagWord: string | undefined, proplist: readonly string[] | undefined): void {
    let text = tagWord === undefined ? RE : RE + prefix(tagWord.length) + tagWord;
    const keys = proplist ?? Object.keys(row);
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as string;
      const value = row[key];
      if (value === undefined) continue;
      text += `${prefix(key.length + value.length + 2)}=${key}=${value}`;
    }
    this.append(`${text}\0`);
  }

  /** Everything encoded so far, as chunks that each hold whole sentences. */
  take(): Buffer[] {
    this.seal();
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }

  private append(sentence: string): void {
    if (this.current.length > 0 && this.current.length + sentence.length > this.chunkBytes) this.seal();
    this.current += sentence;
  }

  private seal(): void {
    if (this.current.length === 0) return;
    this.chunks.push(Buffer.from(this.current, WIRE_ENCODING));
    this.current = "";
  }
}
