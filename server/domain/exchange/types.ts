import type { SegmentStatus } from '../segment/index.js';

/** A reviewer annotation as exchange formats carry it: a note on the unit. */
export interface ExportNote {
  side: 'source' | 'target';
  category: string;
  severity: string;
  status: 'open' | 'resolved';
  /** The annotated text. */
  exact: string;
  body: string;
  author: string | null;
}

/** One exported unit: a paragraph pair, or one sentence pair of it. */
export interface ExportUnit {
  /** Stable id: the segment id, or `<segment id>.<n>` for the n-th sentence pair. */
  id: string;
  source: string;
  target: string;
  status: SegmentStatus;
  /** The segment's version at export, so a later import can tell what changed since. */
  version: number;
  notes: ExportNote[];
}

/** What every exporter needs to know about the document and the chosen options. */
export interface ExportMeta {
  documentId: number;
  title: string;
  /** The language code written for the source side (`zh-TW` when a variant was asked for). */
  sourceLang: string;
  targetLang: string;
  granularity: 'paragraph' | 'sentence';
  /** txt: which side to write. */
  side: 'source' | 'target';
  /** md, html: both sides side by side, or the translation alone for publication. */
  layout: 'bilingual' | 'target';
  /** csv, tsv: start with a UTF-8 byte-order mark (Excel needs it to read UTF-8). */
  bom: boolean;
  /** The product version written into headers. */
  toolVersion: string;
  /** ISO time of the export (TMX creationdate). */
  createdAt: string;
}

/**
 * One export format. Exporters are pure: `head`, one `unit` per unit and `tail` concatenated
 * give the file, so a caller can stream a document of any size page by page.
 */
export interface Exporter {
  format: string;
  extension: string;
  mediaType: string;
  /** Whether `granularity=sentence` applies (TMX, TSV, JSONL, txt, and CSV/XLIFF too). */
  sentences: boolean;
  head(meta: ExportMeta): string;
  unit(unit: ExportUnit, meta: ExportMeta): string;
  tail(meta: ExportMeta): string;
}

/** A unit read from an imported file. */
export interface ImportedUnit {
  /** The unit id written in the file (tuid, trans-unit id, unit id, id column), if any. */
  id?: string;
  source: string;
  /** Undefined when the file has no target for this unit. */
  target?: string;
  status?: SegmentStatus;
  /** The segment version the file was exported at (our own exports carry it). */
  version?: number;
  /** 1-based line of the unit in the file, for the report. */
  line: number;
}

/** An imported file: its languages and document marker when it has them, and its units. */
export interface ImportedFile {
  sourceLang?: string;
  targetLang?: string;
  /** The Duizhao document the file was exported from, when it says so. */
  documentId?: number;
  title?: string;
  units: ImportedUnit[];
}

/** An expected failure to read a file: a value, with where it happened. */
export interface ParseError {
  message: string;
  line: number;
  column: number;
}

export type ParseResult = { ok: true; file: ImportedFile } | { ok: false; error: ParseError };
