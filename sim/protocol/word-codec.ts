// RouterOS API words: a big-endian length prefix (1–4 bytes, or 0xF0 + 4 bytes) then the bytes.
// A sentence is words ended by a zero-length word. Decoding is streaming because TCP delivers
// arbitrary chunks; a bad prefix or an oversized word is a ProtocolError that ends that one connection.

/** A framing error: the connection that produced it is closed; nothing else is affected. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProtocolError";
  }
}

export const DEFAULT_MAX_WORD_BYTES = 16 * 1024 * 1024;

/**
 * RouterOS words are bytes, not text (node-routeros sends win1252, librouteros ASCII). latin1 maps
 * every byte to one char and back, so whatever a client stores it reads back byte for byte.
 * Model strings must therefore stay within U+0000–U+00FF.
 */
export const WIRE_ENCODING = "latin1" as const;

/** Bytes the prefix of a word of `length` bytes takes. */
export function lengthPrefixSize(length: number): number {
  if (length < 0x80) return 1;
  if (length < 0x4000) return 2;
  if (length < 0x200000) return 3;
  if (length < 0x10000000) return 4;
  return 5;
}

/** Writes the prefix for `length` at `offset`; returns the offset after it. */
export function writeLengthPrefix(target: Buffer, offset: number, length: number): number {
  if (length < 0x80) {
    target[offset] = length;
    return offset + 1;
  }
  if (length < 0x4000) {
    target.writeUInt16BE(length | 0x8000, offset);
    return offset + 2;
  }
  if (length < 0x200000) {
    const value = length | 0xc00000;
    target[offset] = (value >>> 16) & 0xff;
    target.writeUInt16BE(value & 0xffff, offset + 1);
    return offset + 3;
  }
  if (length < 0x10000000) {
    target.writeUInt32BE((length | 0xe0000000) >>> 0, offset);
    return offset + 4;
  }
  target[offset] = 0xf0;
  target.writeUInt32BE(length >>> 0, offset + 1);
  return offset + 5;
}

export function encodeLength(length: number): Buffer {
  const out = Buffer.allocUnsafe(lengthPrefixSize(length));
  writeLengthPrefix(out, 0, length);
  return out;
}

/** One sentence, terminator included, as a single buffer (so it can go out in one write). */
export function encodeSentence(words: readonly string[]): Buffer {
  let total = 1;
  const sizes = words.map((word) => {
    const size = Buffer.byteLength(word, WIRE_ENCODING);
    total += lengthPrefixSize(size) + size;
    return size;
  });
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  words.forEach((word, index) => {
    const size = sizes[index] ?? 0;
    offset = writeLengthPrefix(out, offset, size);
    offset += out.write(word, offset, size, WIRE_ENCODING);
  });
  out[offset] = 0;
  return out;
}

type DecoderLimits = { maxWordBytes: number; maxSentenceBytes: number };

/**
 * Reassembles sentences from a byte stream. Words that arrive whole are decoded straight from the
 * chunk; only a word split across chunks is copied into its own buffer, so a 16 MiB word costs one copy.
 */
export class SentenceDecoder {
  private limits: DecoderLimits;
  private prefix = Buffer.alloc(5);
  private prefixHave = 0;
  private prefixNeed = 0;
  private word: Buffer | undefined;
  private wordHave = 0;
  private words: string[] = [];
  private sentenceBytes = 0;

  constructor(limits: Partial<DecoderLimits> = {}) {
    const maxWordBytes = limits.maxWordBytes ?? DEFAULT_MAX_WORD_BYTES;
    this.limits = { maxWordBytes, maxSentenceBytes: limits.maxSentenceBytes ?? maxWordBytes * 2 };
  }

  /** Tighter limits apply before login (RouterOS limits unauthenticated sentences too). */
  setLimits(limits: Partial<DecoderLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  /** True while part of a sentence is buffered (used to tell truncated input from a clean end). */
  get midSentence(): boolean {
    return this.prefixHave > 0 || this.word !== undefined || this.words.length > 0;
  }

  /** Feeds one chunk; returns the sentences it completed. Empty sentences are ignored, as RouterOS does. */
  push(chunk: Buffer): string[][] {
    const done: string[][] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.word !== undefined) {
        const take = Math.min(this.word.length - this.wordHave, chunk.length - offset);
        chunk.copy(this.word, this.wordHave, offset, offset + take);
        this.wordHave += take;
        offset += take;
        if (this.wordHave === this.word.length) {
          this.words.push(this.word.toString(WIRE_ENCODING));
          this.word = undefined;
        }
        continue;
      }
      const byte = chunk[offset] as number;
      offset += 1;
      if (this.prefixHave === 0) this.prefixNeed = prefixSizeFromFirstByte(byte);
      this.prefix[this.prefixHave] = byte;
      this.prefixHave += 1;
      if (this.prefixHave < this.prefixNeed) continue;
      const length = decodePrefix(this.prefix, this.prefixNeed);
      this.prefixHave = 0;
      if (length === 0) {
        if (this.words.length > 0) done.push(this.words);
        this.words = [];
        this.sentenceBytes = 0;
        continue;
      }
      if (length > this.limits.maxWordBytes) throw new ProtocolError(`word of ${length} bytes exceeds the limit`);
      this.sentenceBytes += length;
      if (this.sentenceBytes > this.limits.maxSentenceBytes) throw new ProtocolError("sentence exceeds the limit");
      if (chunk.length - offset >= length) {
        this.words.push(chunk.toString(WIRE_ENCODING, offset, offset + length));
        offset += length;
      } else {
        this.word = Buffer.allocUnsafe(length);
        this.wordHave = 0;
      }
    }
    return done;
  }
}

function prefixSizeFromFirstByte(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte < 0xc0) return 2;
  if (byte < 0xe0) return 3;
  if (byte < 0xf0) return 4;
  if (byte === 0xf0) return 5;
  // 0xF8+ are reserved control bytes; 0xF1–0xF7 are no valid prefix either. Both end the connection.
  throw new ProtocolError(`invalid length prefix byte 0x${byte.toString(16)}`);
}

function decodePrefix(prefix: Buffer, size: number): number {
  switch (size) {
    case 1:
      return prefix[0] as number;
    case 2:
      return prefix.readUInt16BE(0) & 0x3fff;
    case 3:
      return ((prefix[0] as number) & 0x1f) * 0x10000 + prefix.readUInt16BE(1);
    case 4:
      return (prefix.readUInt32BE(0) & 0x0fffffff) >>> 0;
    default:
      return prefix.readUInt32BE(1);
  }
}
