import { compactDate, noteText } from './notes.js';
import type { Exporter, ExportMeta, ExportUnit } from './types.js';
import { XML_DECLARATION, escapeXmlAttr as attr, escapeXmlText as text } from './xml-text.js';

/** Property types our TMX carries, so an import can recognise its own files. */
export const TMX_PROP = {
  document: 'x-duizhao-document',
  title: 'x-duizhao-title',
  status: 'x-duizhao-status',
  version: 'x-duizhao-version',
} as const;

function head(meta: ExportMeta): string {
  // TMX 1.4b §3.1: creationtool, creationtoolversion, segtype, o-tmf, adminlang, srclang and
  // datatype are required on <header>; srclang must be a real language, not *all*, so that
  // tools know which <tuv> is the source.
  return (
    XML_DECLARATION +
    '<tmx version="1.4">\n' +
    `<header creationtool="Duizhao" creationtoolversion="${attr(meta.toolVersion)}"` +
    ` segtype="${meta.granularity === 'sentence' ? 'sentence' : 'paragraph'}"` +
    ` o-tmf="Duizhao" adminlang="en" srclang="${attr(meta.sourceLang)}"` +
    ` datatype="plaintext" o-encoding="UTF-8" creationdate="${compactDate(meta.createdAt)}">\n` +
    `  <prop type="${TMX_PROP.document}">${meta.documentId}</prop>\n` +
    `  <prop type="${TMX_PROP.title}">${text(meta.title)}</prop>\n` +
    '</header>\n<body>\n'
  );
}

function unit(u: ExportUnit, meta: ExportMeta): string {
  // TMX 1.4b: <tu> holds (note|prop)* before its <tuv>s.
  let out = `<tu tuid="${attr(u.id)}">\n`;
  out += `  <prop type="${TMX_PROP.status}">${u.status}</prop>\n`;
  out += `  <prop type="${TMX_PROP.version}">${u.version}</prop>\n`;
  for (const n of u.notes) out += `  <note>${text(noteText(n))}</note>\n`;
  out += `  <tuv xml:lang="${attr(meta.sourceLang)}"><seg>${text(u.source)}</seg></tuv>\n`;
  out += `  <tuv xml:lang="${attr(meta.targetLang)}"><seg>${text(u.target)}</seg></tuv>\n`;
  return `${out}</tu>\n`;
}

/** TMX 1.4b: one `<tu>` per unit with its status and version as `<prop>`, annotations as `<note>`. */
export const tmxExporter: Exporter = {
  format: 'tmx',
  extension: 'tmx',
  mediaType: 'application/x-tmx+xml; charset=utf-8',
  sentences: true,
  head,
  unit,
  tail: () => '</body>\n</tmx>\n',
};
