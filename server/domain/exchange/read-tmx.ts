import { TmxReader, type TmxReaderOptions } from './parse-tmx.js';
import type { ParseResult } from './types.js';

/**
 * Bytes decoded at a time. Decoding a 36 MB upload in one piece costs about twice as much as
 * in 64 KB pieces, and needs the whole file as one string besides the bytes.
 */
const CHUNK_BYTES = 64 * 1024;

/** A read of uploaded bytes: the parse result, or bytes that are not UTF-8. */
export type BytesResult = ParseResult | { ok: false; invalidUtf8: true };

/**
 * Reads a TMX file from its bytes, decoding strict UTF-8 (a leading byte-order mark is
 * dropped) and parsing piece by piece, so no string of the whole file is ever made. Bytes
 * that are not UTF-8 anywhere in the file make the result `invalidUtf8`, even after a parse
 * error: the same answer as decoding the whole file before parsing it.
 */
export function readTmxBytes(bytes: Uint8Array, options: TmxReaderOptions = {}): BytesResult {
  const reader = new TmxReader(options);
  let reading = true;
  // After a parse error the rest is only decoded, to check it is UTF-8.
  const utf8 = decodePieces(bytes, (text) => void (reading &&= reader.write(text)));
  return utf8 ? reader.end() : { ok: false, invalidUtf8: true };
}

/**
 * Decodes strict UTF-8 (a leading byte-order mark dropped) piece by piece, handing each
 * piece's text to `onText` in order; false, after the pieces before it, at the first byte
 * that is not UTF-8 (a sequence cut short at the very end included).
 */
export function decodePieces(bytes: Uint8Array, onText: (text: string) => void): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let at = 0; ; at += CHUNK_BYTES) {
    const last = at + CHUNK_BYTES >= bytes.length;
    let text: string;
    try {
      // The last piece also flushes the decoder.
      text = decoder.decode(bytes.subarray(at, at + CHUNK_BYTES), { stream: !last });
    } catch {
      return false;
    }
    onText(text);
    if (last) return true;
  }
}

/**
 * The same over chunks as they arrive (an upload): strict UTF-8, a leading byte-order mark
 * dropped, each chunk's text handed on at once. Resolves false at the first byte that is not
 * UTF-8; rejects if the chunks do (an upload broken off, or refused as too large).
 */
export async function decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  onText: (text: string) => void,
): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      return undefined;
    }
  };
  for await (const chunk of chunks) {
    // Chunks of an upload are ~64 KB already; a larger one is decoded in pieces anyway.
    for (let at = 0; at < chunk.length; at += CHUNK_BYTES) {
      const text = decode(chunk.subarray(at, at + CHUNK_BYTES));
      if (text === undefined) return false;
      if (text !== '') onText(text);
    }
  }
  const rest = decode();
  if (rest === undefined) return false;
  if (rest !== '') onText(rest);
  return true;
}
