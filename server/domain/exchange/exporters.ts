import { csvExporter, tsvExporter } from './delimited.js';
import { htmlExporter } from './html.js';
import { jsonlExporter } from './jsonl.js';
import { markdownExporter } from './markdown.js';
import { tmxExporter } from './tmx.js';
import { txtExporter } from './txt.js';
import type { Exporter, ExportMeta, ExportUnit } from './types.js';
import { xliff12Exporter } from './xliff12.js';
import { xliff2Exporter } from './xliff2.js';

/** Every export format, by the name `?format=` takes. */
export const EXPORTERS = {
  tmx: tmxExporter,
  xliff12: xliff12Exporter,
  xliff2: xliff2Exporter,
  tsv: tsvExporter,
  csv: csvExporter,
  jsonl: jsonlExporter,
  txt: txtExporter,
  md: markdownExporter,
  html: htmlExporter,
} as const satisfies Record<string, Exporter>;

export type ExportFormat = keyof typeof EXPORTERS;
export const EXPORT_FORMATS = Object.keys(EXPORTERS) as ExportFormat[];

/** Serializes units with an exporter, chunk by chunk (one string per unit). */
export function* serialize(
  exporter: Exporter,
  meta: ExportMeta,
  units: Iterable<ExportUnit>,
): Generator<string> {
  yield exporter.head(meta);
  for (const u of units) yield exporter.unit(u, meta);
  yield exporter.tail(meta);
}

/**
 * Bytes per chunk of a streamed export: big enough that the cost of each write vanishes,
 * small enough to keep memory flat whatever the document's size.
 */
export const CHUNK_BYTES = 1 << 20;

/**
 * Texts encoded as UTF-8 into chunks of about `chunkBytes` (a text is never split). Each
 * text is encoded straight into the chunk: building a chunk string first and encoding it
 * after cost two more passes over every character (flattening it, then measuring it), ~30 %
 * of a large export.
 */
export class ChunkEncoder {
  private readonly encoder = new TextEncoder();
  private chunk: Uint8Array;
  private used = 0;
  private readonly ready: Uint8Array[] = [];

  constructor(private readonly chunkBytes = CHUNK_BYTES) {
    this.chunk = new Uint8Array(chunkBytes);
  }

  /** Appends a text. */
  add(text: string): void {
    if (this.fits(text)) return;
    if (this.used > 0) this.ready.push(this.cut());
    // A text too long for an empty chunk goes out on its own.
    if (!this.fits(text)) this.ready.push(this.encoder.encode(text));
  }

  /** The chunks filled so far (each returned once). */
  take(): Uint8Array[] {
    return this.ready.splice(0);
  }

  /** Every chunk left, the last one partly filled. */
  flush(): Uint8Array[] {
    if (this.used > 0) this.ready.push(this.cut());
    return this.take();
  }

  /** Appends the text if it surely fits (a UTF-16 code unit is at most 3 UTF-8 bytes). */
  private fits(text: string): boolean {
    if (text.length * 3 > this.chunk.length - this.used) return false;
    const into = this.used === 0 ? this.chunk : this.chunk.subarray(this.used);
    this.used += this.encoder.encodeInto(text, into).written;
    return true;
  }

  private cut(): Uint8Array {
    const out = this.chunk.subarray(0, this.used);
    this.chunk = new Uint8Array(this.chunkBytes);
    this.used = 0;
    return out;
  }
}

/** Units serialised and encoded (no head or tail): the chunks, the last one partly filled. */
export function encodeUnits(
  exporter: Exporter,
  meta: ExportMeta,
  units: Iterable<ExportUnit>,
  chunkBytes = CHUNK_BYTES,
): Uint8Array[] {
  const out = new ChunkEncoder(chunkBytes);
  for (const u of units) out.add(exporter.unit(u, meta));
  return out.flush();
}

/**
 * The same over pages of units from an async source, as UTF-8 chunks of about `chunkBytes`
 * (see ChunkEncoder). Per unit this is plain synchronous code: an async step per unit would
 * cost more than the unit's serialisation.
 */
export async function* encodePages(
  exporter: Exporter,
  meta: ExportMeta,
  pages: AsyncIterable<Iterable<ExportUnit>>,
  chunkBytes = CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  const out = new ChunkEncoder(chunkBytes);
  out.add(exporter.head(meta));
  for await (const page of pages) {
    for (const u of page) out.add(exporter.unit(u, meta));
    yield* out.take();
  }
  out.add(exporter.tail(meta));
  yield* out.flush();
}

/** TMX 1.4b, chunk by chunk. */
export const serializeTmx = (meta: ExportMeta, units: Iterable<ExportUnit>) =>
  serialize(tmxExporter, meta, units);
/** XLIFF 1.2, chunk by chunk. */
export const serializeXliff12 = (meta: ExportMeta, units: Iterable<ExportUnit>) =>
  serialize(xliff12Exporter, meta, units);
/** XLIFF 2.0, chunk by chunk. */
export const serializeXliff2 = (meta: ExportMeta, units: Iterable<ExportUnit>) =>
  serialize(xliff2Exporter, meta, units);
/** TSV, chunk by chunk. */
export const serializeTsv = (meta: ExportMeta, units: Iterable<ExportUnit>) =>
  serialize(tsvExporter, meta, units);
/** CSV, chunk by chunk. */
export const serializeCsv = (meta: ExportMeta, units: Iterable<ExportUnit>) =>
  serialize(csvExporter, meta, units);
