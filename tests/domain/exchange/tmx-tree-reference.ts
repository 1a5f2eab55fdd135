import { asStatus, asVersion, MAX_UNITS } from '../../../server/domain/exchange/parse-status.js';
import { TMX_PROP } from '../../../server/domain/exchange/tmx.js';
import type { ImportedUnit, ParseResult } from '../../../server/domain/exchange/types.js';
import {
  child,
  childElements,
  descendants,
  textOf,
  XML_NS,
  type XmlElement,
} from '../../../server/domain/exchange/xml-tree.js';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { ParseError } from '../../../server/domain/exchange/types.js';

/**
 * The TMX reader as it was before the streaming one (issue 8): the whole file parsed into an
 * element tree first, then read. Kept here, verbatim, as the reference the streaming reader
 * must agree with on every input.
 */

class Refused extends Error {}

function attrKey(a: { uri: string; local: string }): string {
  if (a.uri === '') return a.local;
  return a.uri === XML_NS ? `xml:${a.local}` : `{${a.uri}}${a.local}`;
}

const LIMITS = { maxDepth: 64, maxElements: 5_000_000 };

function parseXmlTree(
  xml: string,
  limits = LIMITS,
): { ok: true; root: XmlElement } | { ok: false; error: ParseError } {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let elements = 0;
  const refuse = (message: string): never => {
    throw new Refused(message);
  };
  parser.on('doctype', () =>
    refuse('DOCTYPE declarations are not accepted (no DTDs, no entities)'),
  );
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length >= limits.maxDepth) refuse(`elements nest deeper than ${limits.maxDepth}`);
    if (++elements > limits.maxElements) refuse(`more than ${limits.maxElements} elements`);
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[attrKey(a)] = a.value;
    const el: XmlElement = {
      local: tag.local,
      uri: tag.uri,
      attrs,
      children: [],
      line: parser.line,
      column: parser.column,
    };
    stack.at(-1)?.children.push(el);
    if (!root) root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const text = (t: string) => {
    const parent = stack.at(-1);
    if (parent) parent.children.push(t);
  };
  parser.on('text', text);
  parser.on('cdata', text);
  try {
    parser.write(xml).close();
  } catch (e) {
    const at = { line: parser.line, column: parser.column };
    if (e instanceof Refused) return { ok: false, error: { message: e.message, ...at } };
    const m = /^(\d+):(\d+): ([\s\S]*)$/.exec((e as Error).message);
    return {
      ok: false,
      error: m
        ? { message: m[3]!, line: Number(m[1]), column: Number(m[2]) }
        : { message: (e as Error).message, ...at },
    };
  }
  if (!root)
    return { ok: false, error: { message: 'the file has no root element', line: 1, column: 1 } };
  return { ok: true, root };
}

/** Inline elements whose content is text; `bpt`, `ept`, `ph`, `it`, `ut` hold native codes. */
const TEXT_INLINE = new Set(['hi']);

function props(el: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of childElements(el, 'prop')) out.set(p.attrs.type ?? '', textOf(p, new Set()));
  return out;
}

const lang = (tuv: XmlElement) => (tuv.attrs['xml:lang'] ?? tuv.attrs.lang ?? '').trim();

/** The former parseTmx, unchanged. */
export function parseTmxTree(xml: string): ParseResult {
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
