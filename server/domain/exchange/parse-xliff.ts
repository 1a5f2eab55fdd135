import type { SegmentStatus } from '../segment/index.js';
import { asStatus, asVersion, documentIdFrom, MAX_UNITS } from './parse-status.js';
import type { ImportedUnit, ParseResult } from './types.js';
import { XLIFF12_VERSION_CONTEXT } from './xliff12.js';
import { MDA_NS, XLIFF2_NS } from './xliff2.js';
import {
  child,
  childElements,
  descendants,
  parseXmlTree,
  textOf,
  type XmlElement,
} from './xml-tree.js';

const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';
/** XLIFF 1.2 inline elements whose content is text (`<x>`, `<ph>`, `<bpt>`… hold codes). */
const TEXT_12 = new Set(['g', 'mrk']);
/** XLIFF 2 inline elements whose content is text (`<ph>`, `<sc>`, `<ec>`… are codes). */
const TEXT_2 = new Set(['pc', 'mrk']);

const STATE_12: Record<string, SegmentStatus> = {
  new: 'new',
  'needs-translation': 'new',
  'needs-adaptation': 'draft',
  'needs-l10n': 'draft',
  'needs-review-translation': 'draft',
  'needs-review-adaptation': 'draft',
  'needs-review-l10n': 'draft',
  translated: 'translated',
  'signed-off': 'reviewed',
  final: 'approved',
};
const STATE_2: Record<string, SegmentStatus> = {
  initial: 'draft',
  translated: 'translated',
  reviewed: 'reviewed',
  final: 'approved',
};

/** Reads XLIFF 1.2 or 2.x, whichever the root says. */
export function parseXliff(xml: string): ParseResult {
  const tree = parseXmlTree(xml);
  if (!tree.ok) return tree;
  const root = tree.root;
  const err = (message: string, at: XmlElement = root): ParseResult => ({
    ok: false,
    error: { message, line: at.line, column: at.column },
  });
  if (root.local !== 'xliff') return err(`expected an <xliff> root element, found <${root.local}>`);
  if (root.uri === XLIFF2_NS || /^2\./.test(root.attrs.version ?? '')) return readXliff2(root, err);
  if (root.uri === XLIFF12_NS || /^1\./.test(root.attrs.version ?? ''))
    return readXliff12(root, err);
  return err(`unknown XLIFF version ${root.attrs.version ?? '(none)'}`);
}

type Fail = (message: string, at?: XmlElement) => ParseResult;

function readXliff12(root: XmlElement, err: Fail): ParseResult {
  const files = childElements(root, 'file');
  const first = files[0];
  if (!first) return err('an XLIFF file needs a <file>');
  const units: ImportedUnit[] = [];
  for (const file of files) {
    for (const tu of descendants(file, 'trans-unit')) {
      if (units.length >= MAX_UNITS) return err(`more than ${MAX_UNITS} units`, tu);
      const source = child(tu, 'source');
      if (!source) return err('<trans-unit> has no <source>', tu);
      const target = child(tu, 'target');
      const version = childElements(tu, 'context-group')
        .flatMap((g) => childElements(g, 'context'))
        .find((c) => c.attrs['context-type'] === XLIFF12_VERSION_CONTEXT);
      let status = target ? STATE_12[target.attrs.state ?? ''] : undefined;
      if (tu.attrs.approved === 'yes') status = 'approved';
      units.push({
        id: tu.attrs.id,
        source: textOf(source, TEXT_12),
        target: target ? textOf(target, TEXT_12) : undefined,
        status,
        version: version ? asVersion(textOf(version, new Set())) : undefined,
        line: tu.line,
      });
    }
  }
  return {
    ok: true,
    file: {
      sourceLang: first.attrs['source-language'],
      targetLang: first.attrs['target-language'],
      documentId: documentIdFrom(first.attrs.original),
      title: first.attrs['product-name'],
      units,
    },
  };
}

/** The text of an XLIFF 2 `<source>`/`<target>`, with `<cp hex>` decoded. */
function text2(el: XmlElement): string {
  return textOf(el, TEXT_2, (c) => {
    if (c.local !== 'cp') return undefined;
    const code = parseInt(c.attrs.hex ?? '', 16);
    return Number.isInteger(code) && code >= 0 && code <= 0x10ffff
      ? String.fromCodePoint(code)
      : '';
  });
}

function meta(el: XmlElement, type: string): string | undefined {
  for (const m of descendants(el, 'meta'))
    if (m.uri === MDA_NS && m.attrs.type === type) return textOf(m, new Set());
  return undefined;
}

function readXliff2(root: XmlElement, err: Fail): ParseResult {
  const files = childElements(root, 'file');
  const first = files[0];
  if (!first) return err('an XLIFF file needs a <file>');
  const units: ImportedUnit[] = [];
  for (const file of files) {
    for (const unit of descendants(file, 'unit')) {
      if (units.length >= MAX_UNITS) return err(`more than ${MAX_UNITS} units`, unit);
      const parts = childElements(unit).filter(
        (c) => c.local === 'segment' || c.local === 'ignorable',
      );
      if (parts.length === 0) return err('<unit> has no <segment>', unit);
      let source = '';
      let target = '';
      let hasTarget = false;
      for (const p of parts) {
        const s = child(p, 'source');
        if (!s) return err(`<${p.local}> has no <source>`, p);
        source += text2(s);
        const t = child(p, 'target');
        // An ignorable without a target keeps its source text (XLIFF 2.0 §4.2.2.4).
        if (t) {
          target += text2(t);
          hasTarget ||= p.local === 'segment';
        } else if (p.local === 'ignorable') target += text2(s);
      }
      const seg = parts.find((p) => p.local === 'segment');
      const sub = /^duizhao:(\w+)$/.exec(seg?.attrs.subState ?? '')?.[1];
      const metadata = childElements(unit, 'metadata').find((m) => m.uri === MDA_NS);
      units.push({
        id: unit.attrs.id,
        source,
        target: hasTarget ? target : undefined,
        status: asStatus(sub) ?? (hasTarget ? STATE_2[seg?.attrs.state ?? 'initial'] : undefined),
        version: metadata ? asVersion(meta(metadata, 'version')) : undefined,
        line: unit.line,
      });
    }
  }
  const fileMeta = childElements(first, 'metadata').find((m) => m.uri === MDA_NS);
  return {
    ok: true,
    file: {
      sourceLang: root.attrs.srcLang,
      targetLang: root.attrs.trgLang,
      documentId: documentIdFrom(first.attrs.original),
      title: fileMeta ? meta(fileMeta, 'title') : undefined,
      units,
    },
  };
}
