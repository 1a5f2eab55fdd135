import { noteText } from './notes.js';
import type { SegmentStatus } from '../segment/index.js';
import type { Exporter, ExportMeta, ExportUnit } from './types.js';
import { XML_DECLARATION, escapeXmlAttr as attr, escapeXmlText as text } from './xml-text.js';

/** Our statuses as XLIFF 1.2 `state` values (XLIFF 1.2 §4.3 state). */
export const XLIFF12_STATE: Record<SegmentStatus, string> = {
  new: 'needs-translation',
  draft: 'needs-review-translation',
  translated: 'translated',
  reviewed: 'signed-off',
  approved: 'final',
};

/** The `context-type` that carries the segment version (an `x-` value, allowed by the schema). */
export const XLIFF12_VERSION_CONTEXT = 'x-duizhao-version';

function head(meta: ExportMeta): string {
  return (
    XML_DECLARATION +
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n' +
    // `original` is required; ours names the document so an import can recognise it.
    `<file original="duizhao/documents/${meta.documentId}" datatype="plaintext"` +
    ` source-language="${attr(meta.sourceLang)}" target-language="${attr(meta.targetLang)}"` +
    ` product-name="${attr(meta.title)}" tool-id="duizhao">\n` +
    '<header>\n' +
    `  <tool tool-id="duizhao" tool-name="Duizhao" tool-version="${attr(meta.toolVersion)}"/>\n` +
    '</header>\n<body>\n'
  );
}

function unit(u: ExportUnit): string {
  // xml:space="preserve": leading, trailing and repeated spaces are part of the text.
  let out = `<trans-unit id="${attr(u.id)}" xml:space="preserve"`;
  out += u.status === 'approved' ? ' approved="yes">\n' : '>\n';
  out += `  <source>${text(u.source)}</source>\n`;
  if (u.target !== '' || u.status !== 'new')
    out += `  <target state="${XLIFF12_STATE[u.status]}">${text(u.target)}</target>\n`;
  // Schema order: source, target, then context-group/note in any order. Context-group names
  // must be unique in the file (XSD identity constraint), hence the unit id in it.
  out += `  <context-group name="duizhao-${attr(u.id)}" purpose="information"><context context-type="${XLIFF12_VERSION_CONTEXT}">${u.version}</context></context-group>\n`;
  for (const n of u.notes)
    out += `  <note from="${attr(n.author ?? 'reviewer')}" annotates="${n.side}" priority="${n.severity === 'critical' ? 1 : n.severity === 'major' ? 2 : 3}">${text(noteText(n))}</note>\n`;
  return `${out}</trans-unit>\n`;
}

/** XLIFF 1.2: one `<trans-unit>` per unit, `state` from the status, annotations as `<note>`. */
export const xliff12Exporter: Exporter = {
  format: 'xliff12',
  extension: 'xlf',
  mediaType: 'application/xliff+xml; charset=utf-8',
  sentences: true,
  head,
  unit,
  tail: () => '</body>\n</file>\n</xliff>\n',
};
