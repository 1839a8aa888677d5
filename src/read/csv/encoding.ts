/**
 * Which character encoding a supplier's file is in, and decoding it a chunk at a time.
 *
 * UK exports arrive as UTF-8 (with or without Excel's BOM), as "Unicode text" (UTF-16 with a
 * BOM) or as Windows-1252 ("ANSI"), where `£` is the single byte 0xA3. Without a BOM the only
 * evidence is the bytes themselves: a sample that is valid UTF-8 almost never is by accident, so
 * valid means UTF-8 and anything else means Windows-1252.
 */

import type { CsvEncoding } from './types.js';

/** How much of the file the guesses look at: enough for a few hundred typical rows. */
export const SAMPLE_BYTES = 64 * 1024;

export interface EncodingGuess {
  readonly encoding: CsvEncoding;
  /** Length of the byte-order mark at the start of the file, skipped before decoding. */
  readonly bomLength: number;
  /** What the guess rests on, for `--json` and for messages. */
  readonly evidence: 'bom' | 'valid_utf8' | 'invalid_utf8' | 'utf16_nul_pattern';
}

/** Bytes as read, in order; a file stream or slices of a buffer. */
export type ByteChunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** A piece of decoded text; `invalidAt` marks where bytes that were not valid UTF-8 became U+FFFD. */
export interface DecodedChunk {
  readonly text: string;
  readonly invalidAt?: number;
}

export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, evidence: 'bom' };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, evidence: 'bom' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, evidence: 'bom' };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bomLength: 0, evidence: 'utf16_nul_pattern' };
  return isUtf8Sample(head) ? { encoding: 'utf-8', bomLength: 0, evidence: 'valid_utf8' } : { encoding: 'windows-1252', bomLength: 0, evidence: 'invalid_utf8' };
}

/**
 * SQL Server's `bcp -w` and some database tools write UTF-16 with no BOM. Mostly-ASCII text then
 * has a NUL in every other byte, all on the same side; a binary file has NULs scattered on both.
 */
function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (head[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const pairs = n / 2;
  if (even === 0 && odd >= pairs * 0.3) return 'utf-16le';
  if (odd === 0 && even >= pairs * 0.3) return 'utf-16be';
  return undefined;
}

/** Whether the first `SAMPLE_BYTES` are valid UTF-8 (a sequence cut off by the sample's end is fine). */
export function isUtf8Sample(head: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, SAMPLE_BYTES), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a sample that is not valid UTF-8 still holds valid multi-byte UTF-8 sequences, and where
 * its first invalid byte is: a UTF-8 file with one damaged byte is read as Windows-1252 (the
 * encoding cannot change part way through), so its accented letters come out garbled (`é` as
 * `Ã©`) and the reader warns. Windows-1252 text forms such a sequence only where it already
 * reads as garbled UTF-8.
 */
export function mixedUtf8(head: Uint8Array): { readonly invalidAt: number } | undefined {
  const sample = head.subarray(0, SAMPLE_BYTES);
  const invalidAt = firstInvalidUtf8(sample);
  if (invalidAt < 0) return undefined;
  for (let i = 0; i + 1 < sample.length; i++) {
    const c = sample[i]!;
    if (c < 0xc2 || c > 0xf4) continue;
    const rest = sample.subarray(i, i + (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2));
    if (firstInvalidUtf8(rest) === -1) return { invalidAt };
  }
  return undefined;
}

/** The sample decoded for sniffing; an incomplete character at its end is dropped, not replaced. */
/**
 * Windows-1252's bytes 0x80–0x9F (€, ‘ ’ “ ”, – —, …), from the WHATWG Encoding Standard's
 * index-windows-1252; the five bytes it leaves undefined keep their Latin-1 code points.
 */
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * A decoder for an encoding. Node 20's TextDecoder reads the label windows-1252 as Latin-1, so
 * a smart quote (0x92) or a euro sign (0x80) would come out as a control character; those
 * bytes are mapped here. (Measured: `new TextDecoder('windows-1252').decode([0x92])` is U+0092.)
 */
export function createDecoder(encoding: CsvEncoding): { decode(bytes?: Uint8Array, options?: { stream?: boolean }): string } {
  // ignoreBOM: a U+FEFF that is not at the very start is content; the start is handled by callers.
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  if (encoding !== 'windows-1252') return decoder;
  return {
    decode: (bytes, options) => decoder.decode(bytes, options).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!),
  };
}

export function decodeSample(head: Uint8Array, guess: EncodingGuess): string {
  const text = createDecoder(guess.encoding).decode(head.subarray(guess.bomLength), { stream: true });
  return stripLeadingBom(text);
}

/**
 * Decodes `bytes` (which start after any BOM) chunk by chunk, so the file is never one string.
 * UTF-8 that turns invalid after the sample cannot switch to Windows-1252 part way through: those
 * bytes become U+FFFD and the chunk says where, for a warning with the line.
 */
export async function* decodeChunks(bytes: ByteChunks, encoding: CsvEncoding): AsyncGenerator<DecodedChunk, void, undefined> {
  let first = true;
  const decoded = encoding === 'utf-8' ? decodeUtf8(bytes) : decodeOther(bytes, encoding);
  for await (const chunk of decoded) {
    if (chunk.text === '') continue;
    if (first) {
      first = false;
      // A file saved twice with a BOM has two; the decoder has dropped neither (ignoreBOM), the caller dropped one.
      if (chunk.text.startsWith('\uFEFF')) {
        yield chunk.invalidAt === undefined ? { text: chunk.text.slice(1) } : { text: chunk.text.slice(1), invalidAt: Math.max(0, chunk.invalidAt - 1) };
        continue;
      }
    }
    yield chunk;
  }
}

async function* decodeOther(bytes: ByteChunks, encoding: CsvEncoding): AsyncGenerator<DecodedChunk, void, undefined> {
  const decoder = createDecoder(encoding);
  for await (const chunk of bytes) yield { text: decoder.decode(chunk, { stream: true }) };
  yield { text: decoder.decode() };
}

async function* decodeUtf8(bytes: ByteChunks): AsyncGenerator<DecodedChunk, void, undefined> {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  // A fatal decoder that has thrown has lost its place, so chunks are cut at character boundaries
  // here and each is decoded on its own; `carry` is a character split across two reads.
  let carry: Uint8Array = new Uint8Array(0);
  for await (const chunk of bytes) {
    const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const cut = completeLength(data);
    carry = new Uint8Array(data.subarray(cut)); // a copy: the next read must not see this chunk change
    const complete = data.subarray(0, cut);
    try {
      yield { text: strict.decode(complete) };
    } catch {
      const bad = firstInvalidUtf8(complete);
      yield { text: lenient.decode(complete), invalidAt: bad < 0 ? 0 : lenient.decode(complete.subarray(0, bad)).length };
    }
  }
  // Bytes left over at the end are a character the file cut off.
  if (carry.length > 0) yield { text: lenient.decode(carry), invalidAt: 0 };
}

/** How many bytes of `b` end on a character boundary (0–3 bytes of a split character are left). */
function completeLength(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = b[n - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return n;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return back < need ? n - back : n;
  }
  return n;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence, or -1 if all are valid. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let more: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) more = 1;
    else if (c >= 0xe0 && c <= 0xef) more = 2;
    else if (c >= 0xf0 && c <= 0xf4) more = 3;
    else return i;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f;
    else if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
    if (i + more >= b.length) return i;
    const second = b[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= more; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return -1;
}

export function stripLeadingBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
