import type { ParseError } from './types.js';
import { DEFAULT_XML_LIMITS, SafeXmlParser, XML_NS, type XmlLimits } from './xml-stream.js';

export { XML_NS, type XmlLimits };

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

function attrKey(a: { uri: string; local: string }): string {
  if (a.uri === '') return a.local;
  return a.uri === XML_NS ? `xml:${a.local}` : `{${a.uri}}${a.local}`;
}

/**
 * Parses XML into a small tree, safely (see SafeXmlParser: no DOCTYPE, so no DTD, entity or
 * external resource; bounded depth and element count). Failures are values with line and
 * column. The XLIFF reader uses it; TMX is read by a streaming reader that builds no tree.
 */
export function parseXmlTree(
  xml: string,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
): { ok: true; root: XmlElement } | { ok: false; error: ParseError } {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const safe: SafeXmlParser = new SafeXmlParser(
    {
      open(tag) {
        const attrs: Record<string, string> = {};
        for (const a of Object.values(tag.attributes)) attrs[attrKey(a)] = a.value;
        const el: XmlElement = {
          local: tag.local,
          uri: tag.uri,
          attrs,
          children: [],
          line: safe.parser.line,
          column: safe.parser.column,
        };
        stack.at(-1)?.children.push(el);
        if (!root) root = el;
        stack.push(el);
      },
      close() {
        stack.pop();
      },
      text(t) {
        stack.at(-1)?.children.push(t);
      },
    },
    limits,
  );
  safe.write(xml);
  const error = safe.close();
  if (error) return { ok: false, error };
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
