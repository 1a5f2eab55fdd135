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

/** The same over pages of units from an async source: one chunk per page. */
export async function* serializePages(
  exporter: Exporter,
  meta: ExportMeta,
  pages: AsyncIterable<Iterable<ExportUnit>>,
): AsyncGenerator<string> {
  yield exporter.head(meta);
  for await (const page of pages) {
    let chunk = '';
    for (const u of page) chunk += exporter.unit(u, meta);
    if (chunk !== '') yield chunk;
  }
  yield exporter.tail(meta);
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
