import { describe, expect, it } from "vitest";
import { encodeLength, encodeSentence, lengthPrefixSize, ProtocolError, SentenceDecoder } from "./word-codec";

describe("length prefixes", () => {
  it.each([
    [0, "00"],
    [0x7f, "7f"],
    [0x80, "8080"],
    [0x3fff, "bfff"],
    [0x4000, "c04000"],
    [0x1fffff, "dfffff"],
    [0x200000, "e0200000"],
    [0xfffffff, "efffffff"],
    [0x10000000, "f010000000"],
  ])("encodes %i as %s", (length, hex) => {
    expect(encodeLength(length).toString("hex")).toBe(hex);
    expect(lengthPrefixSize(length)).toBe(hex.length / 2);
  });

  it.each([0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000])("round-trips a word of %i bytes", (length) => {
    const word = "x".repeat(length);
    const decoder = new SentenceDecoder();
    expect(decoder.push(encodeSentence(["/cmd", word]))).toEqual([["/cmd", word]]);
  });

  // Words of 0xFFFFFFF+ bytes cannot be built in a test; decode their prefixes against the cap instead.
  it.each([
    [0xfffffff, "efffffff"],
    [0x10000000, "f010000000"],
  ])("decodes the prefix of a %i-byte word (and rejects it as oversized)", (length, hex) => {
    const decoder = new SentenceDecoder({ maxWordBytes: 16 });
    expect(() => decoder.push(Buffer.from(hex, "hex"))).toThrow(`word of ${length} bytes`);
  });
});

describe("SentenceDecoder", () => {
  const sentences = [
    ["/login", "=name=admin", "=password=secret", ".tag=1"],
    ["/ip/firewall/address-list/print", "?list=odd"],
  ];
  const bytes = Buffer.concat(sentences.map(encodeSentence));

  it("reassembles sentences from one-byte chunks", () => {
    const decoder = new SentenceDecoder();
    const out: string[][] = [];
    for (const byte of bytes) out.push(...decoder.push(Buffer.from([byte])));
    expect(out).toEqual(sentences);
    expect(decoder.midSentence).toBe(false);
  });

  it("reassembles across every split point", () => {
    for (let split = 1; split < bytes.length; split += 1) {
      const decoder = new SentenceDecoder();
      const out = [...decoder.push(bytes.subarray(0, split)), ...decoder.push(bytes.subarray(split))];
      expect(out).toEqual(sentences);
    }
  });

  it("reassembles a 3-byte-prefixed word split inside its prefix and body", () => {
    const word = "=comment=" + "é".repeat(0x5000); // 0xE9 bytes: words are latin1, byte for byte
    const encoded = encodeSentence(["/x", word]);
    const decoder = new SentenceDecoder();
    const out = [
      ...decoder.push(encoded.subarray(0, 4)),
      ...decoder.push(encoded.subarray(4, 9000)),
      ...decoder.push(encoded.subarray(9000)),
    ];
    expect(out).toEqual([["/x", word]]);
  });

  it("is byte-transparent: what a win1252 client sends comes back as the same bytes", () => {
    const bytes = Buffer.from([0x06, 0x3d, 0x63, 0x3d, 0xe9, 0x80, 0xff, 0x00]);
    const [sentence] = new SentenceDecoder().push(bytes);
    expect(encodeSentence(sentence ?? [])).toEqual(bytes);
  });

  it("ignores empty sentences", () => {
    expect(new SentenceDecoder().push(Buffer.from([0, 0, ...encodeSentence(["/quit"])]))).toEqual([["/quit"]]);
  });

  it.each([0xf8, 0xf9, 0xff, 0xf3])("rejects reserved first byte 0x%s", (byte) => {
    expect(() => new SentenceDecoder().push(Buffer.from([byte, 1, 2, 3, 4]))).toThrow(ProtocolError);
  });

  it("rejects oversized words before buffering them", () => {
    const decoder = new SentenceDecoder({ maxWordBytes: 1024 });
    expect(() => decoder.push(encodeLength(1025))).toThrow(ProtocolError);
  });

  it("reports a truncated sentence as still pending", () => {
    const decoder = new SentenceDecoder();
    expect(decoder.push(encodeSentence(["/ip/address/print"]).subarray(0, 5))).toEqual([]);
    expect(decoder.midSentence).toBe(true);
  });
});
