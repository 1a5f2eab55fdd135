import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { ParseError } from './types.js';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Limits that keep a hostile file from exhausting the server. */
export interface XmlLimits {
  /** Deepest element nesting (TMX and XLIFF need about 8). */
  maxDepth: number;
  /** Most elements in one file. */
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 64, maxElements: 5_000_000 };

/** What a reader does with the events of a safe parse. */
export interface XmlHandlers {
  /** An element opened (its attributes resolved); the parser's position is just after `>`. */
  open(tag: SaxesTagNS): void;
  /** The innermost open element closed (a self-closing element opens and closes at once). */
  close(): void;
  /** Character data or CDATA content; only inside the root element, in pieces. */
  text(text: string): void;
}

class Refused extends Error {}

/** A saxes error or a refusal as a ParseError with line and column. */
function toParseError(e: unknown, line: number, column: number): ParseError {
  if (e instanceof Refused) return { message: e.message, line, column };
  const m = /^(\d+):(\d+): ([\s\S]*)$/.exec((e as Error).message);
  return m
    ? { message: m[3]!, line: Number(m[1]), column: Number(m[2]) }
    : { message: (e as Error).message, line, column };
}

/**
 * A streaming XML parse with the safety rules every importer shares: a DOCTYPE is refused
 * outright (so no DTD is read, no entity is declared, no external resource is fetched:
 * billion-laughs and XXE have nothing to work with); only the five predefined entities and
 * character references are known; nesting depth and element count are bounded. The first
 * failure stops the parse and is kept, with its line and column; later writes are ignored.
 * Text may be fed in chunks of any size (saxes carries split characters and CRLFs over).
 */
export class SafeXmlParser {
  readonly parser: SaxesParser<{ xmlns: true; position: true }>;
  /** Open elements now. */
  depth = 0;
  private elements = 0;
  private failure: ParseError | undefined;
  private done = false;

  constructor(handlers: XmlHandlers, limits: XmlLimits = DEFAULT_XML_LIMITS) {
    // The options every importer uses (namespaces resolved, positions for error messages).
    const parser = new SaxesParser({ xmlns: true, position: true });
    this.parser = parser;
    const refuse = (message: string): never => {
      throw new Refused(message);
    };
    parser.on('doctype', () =>
      refuse('DOCTYPE declarations are not accepted (no DTDs, no entities)'),
    );
    parser.on('opentag', (tag: SaxesTagNS) => {
      if (this.depth >= limits.maxDepth) refuse(`elements nest deeper than ${limits.maxDepth}`);
      if (++this.elements > limits.maxElements) refuse(`more than ${limits.maxElements} elements`);
      this.depth++;
      handlers.open(tag);
    });
    parser.on('closetag', () => {
      handlers.close();
      this.depth--;
    });
    const text = (t: string) => {
      if (this.depth > 0) handlers.text(t);
    };
    parser.on('text', text);
    parser.on('cdata', text);
  }

  /** The first failure so far, if any. */
  get error(): ParseError | undefined {
    return this.failure;
  }

  /** Parses the next piece of the document; false once the parse has failed. */
  write(chunk: string): boolean {
    if (this.failure || this.done) return false;
    try {
      this.parser.write(chunk);
    } catch (e) {
      this.failure = toParseError(e, this.parser.line, this.parser.column);
      return false;
    }
    return true;
  }

  /** Ends the document (final well-formedness checks); the first failure, if any. */
  close(): ParseError | undefined {
    if (!this.failure && !this.done) {
      this.done = true;
      try {
        this.parser.close();
      } catch (e) {
        this.failure = toParseError(e, this.parser.line, this.parser.column);
      }
    }
    return this.failure;
  }
}
