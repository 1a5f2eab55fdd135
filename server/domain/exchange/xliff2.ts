import type { SegmentStatus } from '../segment/index.js';
import { noteText } from './notes.js';
import type { Exporter, ExportMeta, ExportUnit } from './types.js';
import { XML_DECLARATION, XML_ILLEGAL, escapeXmlAttr as attr, escapeXmlText } from './xml-text.js';

/** Our statuses as XLIFF 2 `state` (DESIGN.md) with a `subState` that keeps new apart from draft. */
export const XLIFF2_STATE: Record<SegmentStatus, { state: string; subState: string }> = {
  new: { state: 'initial', subState: 'duizhao:new' },
  draft: { state: 'initial', subState: 'duizhao:draft' },
  translated: { state: 'translated', subState: 'duizhao:translated' },
  reviewed: { state: 'reviewed', subState: 'duizhao:reviewed' },
  approved: { state: 'final', subState: 'duizhao:approved' },
};

export const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';

/**
 * XLIFF 2 text: characters XML cannot carry become `<cp hex="…"/>` (XLIFF 2.0 §4.2.2.1), so
 * NUL, other controls and unpaired surrogates survive the round trip.
 */
export function xliff2Text(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(XML_ILLEGAL)) {
    out += escapeXmlText(text.slice(last, m.index));
    const hex = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    out += `<cp hex="${hex.length % 2 ? `0${hex}` : hex}"/>`;
    last = m.index + m[0].length;
  }
  return out + escapeXmlText(text.slice(last));
}

function head(meta: ExportMeta): string {
  return (
    XML_DECLARATION +
    `<xliff xmlns="${XLIFF2_NS}" xmlns:mda="${MDA_NS}" version="2.0"` +
    ` srcLang="${attr(meta.sourceLang)}" trgLang="${attr(meta.targetLang)}">\n` +
    `<file id="d${meta.documentId}" original="duizhao/documents/${meta.documentId}">\n` +
    '  <mda:metadata><mda:metaGroup category="duizhao">' +
    `<mda:meta type="title">${escapeXmlText(meta.title)}</mda:meta>` +
    `<mda:meta type="tool-version">${escapeXmlText(meta.toolVersion)}</mda:meta>` +
    '</mda:metaGroup></mda:metadata>\n'
  );
}

function unit(u: ExportUnit): string {
  const { state, subState } = XLIFF2_STATE[u.status];
  // Core schema order inside <unit>: other-namespace modules, then <notes>, then segments.
  let out = `<unit id="${attr(u.id)}">\n`;
  out += `  <mda:metadata><mda:metaGroup category="duizhao"><mda:meta type="version">${u.version}</mda:meta></mda:metaGroup></mda:metadata>\n`;
  if (u.notes.length > 0) {
    out += '  <notes>\n';
    for (const n of u.notes) {
      const priority = n.severity === 'critical' ? 1 : n.severity === 'major' ? 3 : 5;
      out += `    <note appliesTo="${n.side}" category="${attr(n.category)}" priority="${priority}">${escapeXmlText(noteText(n))}</note>\n`;
    }
    out += '  </notes>\n';
  }
  out += `  <segment state="${state}" subState="${subState}">\n`;
  out += `    <source xml:space="preserve">${xliff2Text(u.source)}</source>\n`;
  if (u.target !== '' || u.status !== 'new')
    out += `    <target xml:space="preserve">${xliff2Text(u.target)}</target>\n`;
  return `${out}  </segment>\n</unit>\n`;
}

/** XLIFF 2.0: one `<unit>` per unit with a stable id, `state`, version metadata and notes. */
export const xliff2Exporter: Exporter = {
  format: 'xliff2',
  extension: 'xlf',
  mediaType: 'application/xliff+xml; charset=utf-8',
  sentences: true,
  head,
  unit,
  tail: () => '</file>\n</xliff>\n',
};
