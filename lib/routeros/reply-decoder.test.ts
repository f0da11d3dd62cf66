import { describe, expect, it } from "vitest";
import { ReplyDecoder, ReplyFramingError } from "./reply-decoder";

// The reader that replaces node-routeros' own: every prefix size, words split anywhere, limits
// enforced from the prefix alone.
const limits = { maxWordBytes: 1024 * 1024, maxSentenceBytes: 2 * 1024 * 1024 };
const decoder = () => new ReplyDecoder({ limits, decode: (b) => b.toString("latin1") });

function prefix(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x4000) return Buffer.from([(length >> 8) | 0x80, length & 0xff]);
  if (length < 0x200000) return Buffer.from([(length >> 16) | 0xc0, (length >> 8) & 0xff, length & 0xff]);
  if (length < 0x10000000) return Buffer.from([(length >>> 24) | 0xe0, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff]);
  const out = Buffer.alloc(5);
  out[0] = 0xf0;
  out.writeUInt32BE(length, 1);
  return out;
}
const sentence = (words: string[]) =>
  Buffer.concat([...words.flatMap((w) => [prefix(w.length), Buffer.from(w, "latin1")]), Buffer.from([0])]);

describe("ReplyDecoder", () => {
  it("decodes words of every prefix size, whatever the chunking", () => {
    const words = ["!re", "=a=" + "x".repeat(200), "=b=" + "y".repeat(20_000), "=c=" + "z".repeat(300_000), ".tag=7"];
    const bytes = Buffer.concat([sentence(words), sentence(["!done", ".tag=7"])]);
    for (const size of [1, 2, 3, 7, 1000, bytes.length]) {
      const d = decoder();
      const out: string[][] = [];
      for (let at = 0; at < bytes.length; at += size) out.push(...d.push(bytes.subarray(at, at + size)));
      expect(out).toEqual([words, ["!done", ".tag=7"]]);
    }
  });

  it("refuses a word over the limit from its prefix, before any of it arrives", () => {
    expect(() => decoder().push(Buffer.concat([prefix(3), Buffer.from("!re"), prefix(64 * 1024 * 1024)]))).toThrow(
      new ReplyFramingError("reply word of 64 MiB is over the 1 MiB limit"),
    );
    expect(() => decoder().push(prefix(0x10000001))).toThrow(/over the 1 MiB limit/);
  });

  it("refuses a sentence over its limit and bytes that are not a length", () => {
    const d = decoder();
    const word = "=x=" + "a".repeat(900_000);
    expect(() =>
      d.push(Buffer.concat([prefix(3), Buffer.from("!re"), ...[1, 2, 3].flatMap(() => [prefix(word.length), Buffer.from(word)])])),
    ).toThrow(/sentence over the 2 MiB limit/);
    for (const bad of [0xf1, 0xf8, 0xff])
      expect(() => decoder().push(Buffer.from([bad]))).toThrow(`0x${bad.toString(16)} is not a word length`);
  });
});
