import { asStatus, asVersion, MAX_UNITS } from './parse-status.js';
import { TMX_PROP } from './tmx.js';
import type { ImportedUnit, ParseResult } from './types.js';
import {
  child,
  childElements,
  descendants,
  parseXmlTree,
  textOf,
  type XmlElement,
} from './xml-tree.js';

/** Inline elements whose content is text; `bpt`, `ept`, `ph`, `it`, `ut` hold native codes. */
const TEXT_INLINE = new Set(['hi']);

function props(el: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of childElements(el, 'prop')) out.set(p.attrs.type ?? '', textOf(p, new Set()));
  return out;
}

const lang = (tuv: XmlElement) => (tuv.attrs['xml:lang'] ?? tuv.attrs.lang ?? '').trim();

/**
 * Reads a TMX file (1.1–1.4b). The source `<tuv>` is the one in the header's `srclang`, or the
 * first one when srclang is `*all*`; the target is the first `<tuv>` in another language.
 */
export function parseTmx(xml: string): ParseResult {
  const tree = parseXmlTree(xml);
  if (!tree.ok) return tree;
  const root = tree.root;
  const fail = (message: string, at: XmlElement = root): ParseResult => ({
    ok: false,
    error: { message, line: at.line, column: at.column },
  });
  if (root.local !== 'tmx') return fail(`expected a <tmx> root element, found <${root.local}>`);
  const header = child(root, 'header');
  const body = child(root, 'body');
  if (!header || !body) return fail('a TMX file needs <header> and <body>');
  const srclang = (header.attrs.srclang ?? '').trim();
  const headerProps = props(header);
  let targetLang: string | undefined;
  const units: ImportedUnit[] = [];
  for (const tu of descendants(body, 'tu')) {
    if (units.length >= MAX_UNITS) return fail(`more than ${MAX_UNITS} units`, tu);
    const tuvs = childElements(tu, 'tuv');
    const isSource = (t: XmlElement) =>
      srclang === '' || srclang === '*all*'
        ? t === tuvs[0]
        : lang(t).toLowerCase() === srclang.toLowerCase();
    const src = tuvs.find(isSource);
    if (!src) return fail(`<tu> has no <tuv> in the source language ${srclang}`, tu);
    const tgt = tuvs.find(
      (t) =>
        !isSource(t) &&
        (targetLang === undefined || lang(t).toLowerCase() === targetLang.toLowerCase()),
    );
    if (tgt && targetLang === undefined) targetLang = lang(tgt);
    const seg = (tuv: XmlElement) => {
      const s = child(tuv, 'seg');
      return s ? textOf(s, TEXT_INLINE) : '';
    };
    const p = props(tu);
    units.push({
      id: tu.attrs.tuid,
      source: seg(src),
      target: tgt ? seg(tgt) : undefined,
      status: asStatus(p.get(TMX_PROP.status)),
      version: asVersion(p.get(TMX_PROP.version)),
      line: tu.line,
    });
  }
  const doc = asVersion(headerProps.get(TMX_PROP.document));
  return {
    ok: true,
    file: {
      sourceLang: srclang && srclang !== '*all*' ? srclang : undefined,
      targetLang,
      documentId: doc,
      title: headerProps.get(TMX_PROP.title),
      units,
    },
  };
}
