export * from './exporters.js';
export * from './filename.js';
export * from './importers.js';
export * from './plan-import.js';
export * from './types.js';
export * from './units.js';
export * from './variant.js';
export { stripXmlIllegal, escapeXmlText, escapeXmlAttr } from './xml-text.js';
export { guardFormula, unguardFormula, escapeTsv } from './delimited.js';
export { parseTmx, TmxReader, type TmxReaderOptions } from './parse-tmx.js';
export { readTmxBytes, type BytesResult } from './read-tmx.js';
export {
  readTmxBatches,
  toUnitBatch,
  type TmxBatchOptions,
  type TmxEnd,
  type UnitBatch,
} from './tmx-batches.js';
export { parseXliff } from './parse-xliff.js';
export { parseCsv, parseTsv, parseJsonl } from './parse-delimited.js';
export { parseXmlTree } from './xml-tree.js';
export { noteText } from './notes.js';
