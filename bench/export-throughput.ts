/**
 * `npx tsx bench/export-throughput.ts`: export throughput for 100,000 paragraphs, per format,
 * through the same pure exporters the API streams (string chunks, no database).
 */
import {
  EXPORTERS,
  serialize,
  type ExportMeta,
  type ExportUnit,
} from '../server/domain/exchange/index.js';

const N = 100_000;
const units: ExportUnit[] = Array.from({ length: N }, (_, i) => ({
  id: String(i + 1),
  source: `北京时间5月23日,美国众议院外交事务委员会以43 比3的两党多数投票通过了一项法案<${i}>。`,
  target: `On May 23, the US House Foreign Affairs Committee voted 43 to 3 to approve a bill & more "${i}".`,
  status: 'translated',
  version: 1,
  notes: [],
}));
const meta: ExportMeta = {
  documentId: 1,
  title: 'bench',
  sourceLang: 'zh-CN',
  targetLang: 'en',
  granularity: 'paragraph',
  side: 'target',
  layout: 'bilingual',
  bom: false,
  toolVersion: '0.1.0',
  createdAt: new Date().toISOString(),
};
for (const [format, exporter] of Object.entries(EXPORTERS)) {
  const started = performance.now();
  let bytes = 0;
  for (const chunk of serialize(exporter, meta, units)) bytes += Buffer.byteLength(chunk);
  const s = (performance.now() - started) / 1000;
  console.log(
    `${format.padEnd(8)} ${N} paragraphs in ${s.toFixed(2)} s = ${Math.round(N / s).toLocaleString('en')} units/s, ${(bytes / 1e6).toFixed(1)} MB`,
  );
}
