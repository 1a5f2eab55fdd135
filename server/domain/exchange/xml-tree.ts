import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { ParseError } from './types.js';

/** An element of a parsed file: namespace-resolved name, attributes, children, position. */
export interface XmlElement {
  local: string;
  uri: string;
  /** By local name for unprefixed attributes, `xml:lang`/`xml:space`, `{uri}local` otherwise. */
  attrs: Record<string, string>;
  children: XmlNode[];
  line: number;
  column: number;
}
export type XmlNode = XmlElement | string;

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Limits that keep a hostile file from exhausting the server. */
export interface XmlLimits {
  /** Deepest element nesting (TMX and XLIFF need about 8). */
  maxDepth: number;
  /** Most elements in one file. */
  maxElements: number;
}

const DEFAULT_LIMITS: XmlLimits = { maxDepth: 64, maxElements: 5_000_000 };

class Refused extends Error {}

function attrKey(a: { uri: string; local: string }): string {
  if (a.uri === '') return a.local;
  return a.uri === XML_NS ? `xml:${a.local}` : `{${a.uri}}${a.local}`;
}

/**
 * Parses XML into a small tree, safely: a DOCTYPE is refused outright (so no DTD is read, no
 * entity is declared, no external resource is fetched: billion-laughs and XXE have nothing to
 * work with); only the five predefined entities and character references are known; nesting
 * depth and element count are bounded. Failures are values with line and column.
 */
export function parseXmlTree(
  xml: string,
  limits: XmlLimits = DEFAULT_LIMITS,
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

/** Child elements, optionally only those with a given local name. */
export function childElements(el: XmlElement, local?: string): XmlElement[] {
  return el.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && (local === undefined || c.local === local),
  );
}

/** The first child element with a local name. */
export function child(el: XmlElement, local: string): XmlElement | undefined {
  return childElements(el, local)[0];
}

/**
 * The text of an element: character data of itself and of the descendants whose text is
 * content (`keep`), skipping inline codes whose content is native markup (`<ph>`, `<bpt>`…).
 */
export function textOf(
  el: XmlElement,
  keep: ReadonlySet<string>,
  special?: (e: XmlElement) => string | undefined,
): string {
  let out = '';
  for (const c of el.children) {
    if (typeof c === 'string') out += c;
    else {
      const s = special?.(c);
      if (s !== undefined) out += s;
      else if (keep.has(c.local)) out += textOf(c, keep, special);
    }
  }
  return out;
}

/** Every descendant element with a local name, in document order. */
export function* descendants(el: XmlElement, local: string): Generator<XmlElement> {
  for (const c of childElements(el)) {
    if (c.local === local) yield c;
    else yield* descendants(c, local);
  }
}
