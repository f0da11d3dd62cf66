// Streaming decoder of RouterOS API replies: bytes → sentences (arrays of words). It replaces
// node-routeros' own reader (see node-routeros-patch.ts, docs/adr/0009) because that one buffers any
// word whole however long its length prefix says it is, answers a malformed stream with silence, and
// drops the text of `!fatal`. Here a word longer than the limit is refused from its prefix alone, before
// a byte of it is kept, so memory per connection stays bounded by the limits.

export type ReplyLimits = {
  /** Longest single word; a longer one ends the connection (nothing can be resynchronised after it). */
  maxWordBytes: number;
  /** Most bytes of one sentence (one row); a longer one ends the connection too. */
  maxSentenceBytes: number;
  /** Most bytes of all the sentences answering one command; past it that command fails, the session lives on. */
  maxReplyBytes: number;
};

export const DEFAULT_REPLY_LIMITS: ReplyLimits = {
  maxWordBytes: 1024 * 1024,
  maxSentenceBytes: 4 * 1024 * 1024,
  maxReplyBytes: 64 * 1024 * 1024,
};

/** The reply stream cannot be read any further: say what was wrong, then drop the connection. */
export class ReplyFramingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReplyFramingError";
  }
}

function formatBytes(bytes: number): string {
  const units: Array<[number, string]> = [
    [1024 * 1024, "MiB"],
    [1024, "KiB"],
  ];
  for (const [size, unit] of units) if (bytes >= size && bytes % (size / 8) === 0) return `${bytes / size} ${unit}`;
  return `${bytes} bytes`;
}

/** How many bytes the length prefix starting with `first` takes, per the API's encoding; null if reserved. */
function prefixSize(first: number): number | null {
  if (first < 0x80) return 1;
  if (first < 0xc0) return 2;
  if (first < 0xe0) return 3;
  if (first < 0xf0) return 4;
  if (first === 0xf0) return 5;
  return null; // 0xF1–0xFF: control bytes, not lengths
}

function prefixLength(bytes: Buffer): number {
  const b0 = bytes[0]!;
  switch (bytes.length) {
    case 1:
      return b0;
    case 2:
      return ((b0 & 0x3f) << 8) | bytes[1]!;
    case 3:
      return ((b0 & 0x1f) << 16) | (bytes[1]! << 8) | bytes[2]!;
    case 4:
      return (b0 & 0x0f) * 0x1000000 + ((bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!);
    default:
      return bytes.readUInt32BE(1);
  }
}

export class ReplyDecoder {
  private prefix: Buffer = Buffer.alloc(0);
  private wordLength: number | null = null;
  private parts: Buffer[] = [];
  private got = 0;
  private sentence: string[] = [];
  private sentenceBytes = 0;

  constructor(
    private readonly options: { limits: Pick<ReplyLimits, "maxWordBytes" | "maxSentenceBytes">; decode: (bytes: Buffer) => string },
  ) {}

  /** Feed bytes as they arrive; returns the sentences they completed. Throws ReplyFramingError. */
  push(chunk: Buffer): string[][] {
    const done: string[][] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.wordLength === null) {
        const first = this.prefix.length > 0 ? this.prefix[0]! : chunk[at]!;
        const size = prefixSize(first);
        if (size === null) throw new ReplyFramingError(`malformed reply: 0x${first.toString(16)} is not a word length`);
        const need = size - this.prefix.length;
        const take = chunk.subarray(at, at + need);
        at += take.length;
        this.prefix = this.prefix.length === 0 && take.length === size ? take : Buffer.concat([this.prefix, take]);
        if (this.prefix.length < size) continue;
        const length = prefixLength(this.prefix);
        this.prefix = Buffer.alloc(0);
        if (length === 0) {
          if (this.sentence.length > 0) done.push(this.sentence);
          this.sentence = [];
          this.sentenceBytes = 0;
          continue;
        }
        if (length > this.options.limits.maxWordBytes)
          throw new ReplyFramingError(
            `reply word of ${formatBytes(length)} is over the ${formatBytes(this.options.limits.maxWordBytes)} limit`,
          );
        if (this.sentenceBytes + length > this.options.limits.maxSentenceBytes)
          throw new ReplyFramingError(`reply sentence over the ${formatBytes(this.options.limits.maxSentenceBytes)} limit`);
        this.wordLength = length;
        continue;
      }
      const take = chunk.subarray(at, at + (this.wordLength - this.got));
      at += take.length;
      this.parts.push(take);
      this.got += take.length;
      if (this.got < this.wordLength) continue;
      const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
      this.sentence.push(this.options.decode(bytes));
      this.sentenceBytes += this.wordLength;
      this.parts = [];
      this.got = 0;
      this.wordLength = null;
    }
    return done;
  }
}

export { formatBytes };
