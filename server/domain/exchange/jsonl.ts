import type { Exporter, ExportUnit } from './types.js';

/**
 * One JSON object a line: `{"id","zh","en","status","version"}`. The keys stay `zh` and `en`
 * whatever the variant (pipelines key on them). U+2028 and U+2029 are escaped too: JSON allows
 * them raw, but line readers such as Python's `splitlines()` would cut the record there.
 */
export function jsonLine(u: ExportUnit): string {
  const json = JSON.stringify({
    id: u.id,
    zh: u.source,
    en: u.target,
    status: u.status,
    version: u.version,
  });
  return `${json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}\n`;
}

export const jsonlExporter: Exporter = {
  format: 'jsonl',
  extension: 'jsonl',
  mediaType: 'application/jsonl; charset=utf-8',
  sentences: true,
  head: () => '',
  unit: jsonLine,
  tail: () => '',
};
