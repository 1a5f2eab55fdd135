import type { SaxesTagNS } from 'saxes';
import { asStatus, asVersion, MAX_UNITS } from './parse-status.js';
import { TMX_PROP } from './tmx.js';
import type { ImportedUnit, ParseError, ParseResult } from './types.js';
import { SafeXmlParser, type XmlLimits } from './xml-stream.js';

/**
 * A `<tu>` as read, before its source and target are chosen: that needs the header's
 * srclang, which a file could (oddly) place after its body.
 */
interface RawTu {
  id: string | undefined;
  line: number;
  column: number;
  langs: string[];
  texts: string[];
  status: string | undefined;
  version: string | undefined;
}

/** An attribute's value by qualified name (`xml:lang` can only mean the XML namespace). */
const attr = (tag: SaxesTagNS, qname: string): string | undefined => tag.attributes[qname]?.value;

export interface TmxReaderOptions {
  limits?: XmlLimits;
  /**
   * Hands the units over in batches as they are read, instead of keeping them all (the file
   * then ends with no units of its own). A later error in the file still makes the whole
   * read fail: a caller writing batches somewhere must be able to undo them.
   */
  onUnits?: (units: ImportedUnit[]) => void;
  /** Units per batch for onUnits. */
  batchSize?: number;
}

/** Not an element level (levels count from 1, the root). */
const NONE = -1;

/**
 * Reads a TMX file (1.1–1.4b) as it is parsed, chunk by chunk, without building a tree: the
 * units, header properties and languages are picked from the parser's events, so memory holds
 * the units and nothing of the markup. The source `<tuv>` is the one in the header's
 * `srclang`, or the first one when srclang is `*all*`; the target is the first `<tuv>` in
 * another language (the language of the first target found, for every unit).
 *
 * What is read, exactly: the root must be `<tmx>`; its first `<header>` and first `<body>`
 * children; every `<tu>` anywhere inside that body (a `<tu>` inside a `<tu>` is part of the
 * outer one); a unit's direct `<tuv>` and `<prop>` children; a `<tuv>`'s first direct `<seg>`.
 * Segment text is the character data of the `<seg>` and of `<hi>` elements in it (text that
 * is content); other inline elements (`bpt`, `ept`, `ph`, `it`, `ut`…) hold native codes and
 * are dropped with everything in them. A property's text is its own character data.
 *
 * Errors are reported as a whole-file parse would: a malformed or refused file (see
 * SafeXmlParser) wins over a structural problem, which wins over a problem in a unit; among
 * units, the first in the file. After the first problem no more units are kept.
 */
export class TmxReader {
  private readonly xml: SafeXmlParser;
  private units: ImportedUnit[] = [];
  /** Units read so far (all of them, including those handed over). */
  private count = 0;
  private readonly onUnits: ((units: ImportedUnit[]) => void) | undefined;
  private readonly batchSize: number;
  private unitError: ParseError | undefined;
  /** Units read before the header was seen, resolved at the end (at most MAX_UNITS + 1). */
  private pending: RawTu[] | undefined;

  private rootSeen = false;
  private rootLine = 0;
  private rootColumn = 0;
  private rootName = '';
  private headerSeen = false;
  private bodySeen = false;
  private inHeader = false;
  private inBody = false;
  private srclang = '';
  private srclangLower = '';
  private targetLang: string | undefined;
  private targetLangLower: string | undefined;
  private title: string | undefined;
  private documentProp: string | undefined;

  // The unit being read: levels of the open <tu>, <tuv>, <seg> and <prop> (or NONE).
  private tuLevel = NONE;
  private tuvLevel = NONE;
  private segLevel = NONE;
  private propLevel = NONE;
  /** Open elements inside the <seg> whose text is not content (an inline code and below). */
  private segSkip = 0;
  private tu: RawTu = TmxReader.emptyTu();
  private tuvLang = '';
  private tuvHasSeg = false;
  private segText = '';
  private propType: string | undefined;
  private propText = '';

  constructor(options: TmxReaderOptions = {}) {
    this.onUnits = options.onUnits;
    this.batchSize = options.batchSize ?? 1000;
    this.xml = new SafeXmlParser(
      {
        open: (tag) => this.open(tag),
        close: () => this.close(),
        text: (text) => this.text(text),
      },
      options.limits,
    );
  }

  /** Units read so far, including those already handed over. */
  get unitCount(): number {
    return this.count;
  }

  private static emptyTu(): RawTu {
    return {
      id: undefined,
      line: 0,
      column: 0,
      langs: [],
      texts: [],
      status: undefined,
      version: undefined,
    };
  }

  /** Reads the next piece of the file; false once the file is known to be unreadable. */
  write(chunk: string): boolean {
    return this.xml.write(chunk);
  }

  /** Ends the file: the units, or the first error. */
  end(): ParseResult {
    const xmlError = this.xml.close();
    if (xmlError) return { ok: false, error: xmlError };
    const fail = (message: string): ParseResult => ({
      ok: false,
      error: { message, line: this.rootLine, column: this.rootColumn },
    });
    if (!this.rootSeen)
      return { ok: false, error: { message: 'the file has no root element', line: 1, column: 1 } };
    if (this.rootName !== 'tmx')
      return fail(`expected a <tmx> root element, found <${this.rootName}>`);
    if (!this.headerSeen || !this.bodySeen) return fail('a TMX file needs <header> and <body>');
    for (const tu of this.pending ?? []) {
      if (this.unitError) break;
      this.resolve(tu);
    }
    if (this.unitError) return { ok: false, error: this.unitError };
    if (this.onUnits && this.units.length > 0) {
      this.onUnits(this.units);
      this.units = [];
    }
    const srclang = this.srclang;
    return {
      ok: true,
      file: {
        sourceLang: srclang && srclang !== '*all*' ? srclang : undefined,
        targetLang: this.targetLang,
        documentId: asVersion(this.documentProp),
        title: this.title,
        units: this.units,
      },
    };
  }

  private open(tag: SaxesTagNS): void {
    const level = this.xml.depth;
    if (level === 1) {
      this.rootSeen = true;
      this.rootName = tag.local;
      this.rootLine = this.xml.parser.line;
      this.rootColumn = this.xml.parser.column;
      return;
    }
    if (this.rootName !== 'tmx') return;
    const local = tag.local;
    if (level === 2) {
      if (local === 'header' && !this.headerSeen) {
        this.headerSeen = this.inHeader = true;
        this.srclang = (attr(tag, 'srclang') ?? '').trim();
        this.srclangLower = this.srclang.toLowerCase();
      } else if (local === 'body' && !this.bodySeen) {
        this.bodySeen = this.inBody = true;
      }
      return;
    }
    if (this.inHeader) {
      if (level === 3 && local === 'prop') this.openProp(tag, level);
      return;
    }
    if (!this.inBody) return;
    if (this.tuLevel === NONE) {
      if (local === 'tu') {
        this.tuLevel = level;
        const tu = this.tu;
        tu.id = attr(tag, 'tuid');
        tu.line = this.xml.parser.line;
        tu.column = this.xml.parser.column;
        tu.langs.length = 0;
        tu.texts.length = 0;
        tu.status = tu.version = undefined;
      }
      return;
    }
    if (this.segLevel !== NONE) {
      // Inside a segment: only <hi> holds text; an inline code hides everything in it.
      if (this.segSkip > 0 || local !== 'hi') this.segSkip++;
      return;
    }
    if (level === this.tuLevel + 1) {
      if (local === 'tuv') {
        this.tuvLevel = level;
        this.tuvLang = (attr(tag, 'xml:lang') ?? attr(tag, 'lang') ?? '').trim();
        this.tuvHasSeg = false;
        this.segText = '';
      } else if (local === 'prop') this.openProp(tag, level);
      return;
    }
    if (level === this.tuvLevel + 1 && local === 'seg' && !this.tuvHasSeg) {
      this.tuvHasSeg = true;
      this.segLevel = level;
      this.segSkip = 0;
    }
  }

  private openProp(tag: SaxesTagNS, level: number): void {
    this.propLevel = level;
    this.propType = attr(tag, 'type');
    this.propText = '';
  }

  private text(text: string): void {
    if (this.segLevel !== NONE) {
      if (this.segSkip === 0) this.segText += text;
    } else if (this.propLevel === this.xml.depth) this.propText += text;
  }

  private close(): void {
    const level = this.xml.depth;
    if (this.segLevel !== NONE) {
      // Skipped elements are the innermost ones, so the closing one is skipped iff any is.
      if (level === this.segLevel) this.segLevel = NONE;
      else if (this.segSkip > 0) this.segSkip--;
      return;
    }
    if (level === this.propLevel) {
      this.propLevel = NONE;
      const type = this.propType ?? '';
      const text = this.propText;
      if (this.inHeader) {
        if (type === TMX_PROP.title) this.title = text;
        else if (type === TMX_PROP.document) this.documentProp = text;
      } else if (type === TMX_PROP.status) this.tu.status = text;
      else if (type === TMX_PROP.version) this.tu.version = text;
      return;
    }
    if (level === this.tuvLevel) {
      this.tuvLevel = NONE;
      this.tu.langs.push(this.tuvLang);
      this.tu.texts.push(this.segText);
      this.segText = '';
      return;
    }
    if (level === this.tuLevel) {
      this.tuLevel = NONE;
      this.closeTu();
      return;
    }
    if (level === 2) this.inHeader = this.inBody = false;
  }

  private closeTu(): void {
    if (this.unitError) return;
    if (this.headerSeen) {
      this.resolve(this.tu);
      return;
    }
    // No header yet: keep the unit as read. Past MAX_UNITS + 1 the outcome is already an
    // error at or before that unit, so no more need keeping.
    this.pending ??= [];
    if (this.pending.length > MAX_UNITS) return;
    const tu = this.tu;
    this.pending.push({ ...tu, langs: [...tu.langs], texts: [...tu.texts] });
  }

  /** Chooses a unit's source and target and keeps it, or records the unit's error. */
  private resolve(tu: RawTu): void {
    // No closures here: this runs once per unit.
    if (this.count >= MAX_UNITS) {
      this.unitError = {
        message: `more than ${MAX_UNITS} units`,
        line: tu.line,
        column: tu.column,
      };
      return;
    }
    const { langs, texts } = tu;
    const all = this.srclang === '' || this.srclang === '*all*';
    const targetLower = this.targetLangLower;
    let src = NONE;
    let tgt = NONE;
    for (let k = 0; k < langs.length; k++) {
      const lang = langs[k]!;
      // Case-insensitive; most files spell each language the same way throughout.
      if (all ? k === 0 : lang === this.srclang || lang.toLowerCase() === this.srclangLower) {
        if (src === NONE) src = k;
      } else if (
        tgt === NONE &&
        (targetLower === undefined ||
          lang === this.targetLang ||
          lang.toLowerCase() === targetLower)
      )
        tgt = k;
    }
    if (src === NONE) {
      this.unitError = {
        message: `<tu> has no <tuv> in the source language ${this.srclang}`,
        line: tu.line,
        column: tu.column,
      };
      return;
    }
    if (tgt !== NONE && this.targetLang === undefined) {
      this.targetLang = langs[tgt]!;
      this.targetLangLower = this.targetLang.toLowerCase();
    }
    this.units.push({
      id: tu.id,
      source: texts[src]!,
      target: tgt === NONE ? undefined : texts[tgt]!,
      status: asStatus(tu.status),
      version: asVersion(tu.version),
      line: tu.line,
    });
    this.count++;
    if (this.onUnits && this.units.length >= this.batchSize) {
      this.onUnits(this.units);
      this.units = [];
    }
  }
}

/** Reads a whole TMX file held in memory (see TmxReader). */
export function parseTmx(xml: string): ParseResult {
  const reader = new TmxReader();
  reader.write(xml);
  return reader.end();
}
