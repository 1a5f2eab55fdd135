import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { GlossaryEntryInput } from './entry.js';
import { escapeXml, type ImportedRow, type ParseResult } from './exchange.js';

/** TBX v3 namespace (ISO 30042:2019). */
export const TBX_NS = 'urn:iso:std:iso:30042:ed-2';
/** Marker note on the source term of a case-sensitive entry: TBX-Basic has no such category. */
export const CASE_SENSITIVE_NOTE = 'case-sensitive';

const STATUS = {
  preferred: 'preferredTerm-admn-sts',
  alternative: 'admittedTerm-admn-sts',
  forbidden: 'deprecatedTerm-admn-sts',
} as const;

export interface TbxOptions {
  sourceLang?: string;
  targetLang?: string;
  title?: string;
}

function termSec(term: string, status: string, extra = ''): string {
  return (
    `        <termSec>\n          <term>${escapeXml(term)}</term>\n` +
    `          <termNote type="administrativeStatus">${status}</termNote>\n${extra}        </termSec>\n`
  );
}

/**
 * Serializes entries as TBX-Basic (TBX v3, DCA style): one conceptEntry per entry with its
 * subject field and note, a source langSec with the term, and an English langSec with the
 * preferred, admitted and deprecated renderings as administrative statuses.
 */
export function serializeTbx(
  entries: readonly GlossaryEntryInput[],
  options: TbxOptions = {},
): string {
  const src = escapeXml(options.sourceLang ?? 'zh-CN');
  const tgt = escapeXml(options.targetLang ?? 'en');
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<tbx xmlns="${TBX_NS}" type="TBX-Basic" style="dca" xml:lang="${tgt}">\n`,
    '  <tbxHeader>\n    <fileDesc>\n',
    `      <titleStmt><title>${escapeXml(options.title ?? 'Duizhao glossary')}</title></titleStmt>\n`,
    '      <sourceDesc><p>Exported from Duizhao</p></sourceDesc>\n',
    '    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n',
  ];
  entries.forEach((e, i) => {
    parts.push(`    <conceptEntry id="c${i + 1}">\n`);
    if (e.domain)
      parts.push(`      <descrip type="subjectField">${escapeXml(e.domain)}</descrip>\n`);
    if (e.note) parts.push(`      <note>${escapeXml(e.note)}</note>\n`);
    const caseNote = e.caseSensitive ? `          <note>${CASE_SENSITIVE_NOTE}</note>\n` : '';
    parts.push(
      `      <langSec xml:lang="${src}">\n`,
      termSec(e.source, STATUS.preferred, caseNote),
      '      </langSec>\n',
    );
    parts.push(`      <langSec xml:lang="${tgt}">\n`, termSec(e.target, STATUS.preferred));
    for (const a of e.alternatives) parts.push(termSec(a, STATUS.alternative));
    for (const f of e.forbidden) parts.push(termSec(f, STATUS.forbidden));
    parts.push('      </langSec>\n    </conceptEntry>\n');
  });
  parts.push('    </body>\n  </text>\n</tbx>\n');
  return parts.join('');
}

/** Limits for reading untrusted TBX. */
export const TBX_LIMITS = { maxChars: 5_000_000, maxDepth: 32, maxEntries: 20_000 };

interface TermRead {
  term: string;
  status: string;
  notes: string[];
}
interface EntryRead {
  line: number;
  domain: string;
  notes: string[];
  langs: { lang: string; terms: TermRead[] }[];
}

const ENTRY = new Set(['conceptEntry', 'termEntry']);
const LANG = new Set(['langSec', 'langSet']);
const TERM_SEC = new Set(['termSec', 'tig', 'ntig']);

/**
 * Reads TBX v3 (`conceptEntry/langSec/termSec`) or TBX 2008 (`termEntry/langSet/tig`) safely:
 * a DOCTYPE is refused (so no DTD, no external or expanding entities), input size and nesting
 * depth are bounded, and every error carries its line and column.
 */
export function parseTbx(text: string, options: TbxOptions = {}): ParseResult {
  if (text.length > TBX_LIMITS.maxChars)
    return fail(`the file is larger than ${TBX_LIMITS.maxChars} characters`, 1, 1);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const entries: EntryRead[] = [];
  const stack: string[] = [];
  let entry: EntryRead | undefined;
  let lang: EntryRead['langs'][number] | undefined;
  let term: TermRead | undefined;
  let textBuf: string | undefined;
  let error: ReturnType<typeof fail> | undefined;
  const stop = (message: string) => {
    error ??= fail(message, parser.line, parser.column);
  };
  parser.on('doctype', () => stop('a DOCTYPE is not allowed (no DTDs or entities in TBX imports)'));
  parser.on('error', (e) => stop(e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')));
  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = tag.local;
    if (stack.length === 0 && name !== 'tbx' && name !== 'martif')
      stop(`the root element is <${tag.name}>, expected <tbx> (TBX v3) or <martif> (TBX 2008)`);
    stack.push(name);
    if (stack.length > TBX_LIMITS.maxDepth)
      stop(`elements nested deeper than ${TBX_LIMITS.maxDepth}`);
    const attr = (n: string) => {
      const a = Object.values(tag.attributes).find((x) => x.local === n || x.name === n);
      return a?.value ?? '';
    };
    if (ENTRY.has(name)) {
      entry = { line: parser.line, domain: '', notes: [], langs: [] };
      if (entries.length >= TBX_LIMITS.maxEntries)
        stop(`more than ${TBX_LIMITS.maxEntries} entries`);
    } else if (LANG.has(name) && entry) {
      lang = { lang: attr('lang'), terms: [] };
      entry.langs.push(lang);
    } else if (TERM_SEC.has(name) && lang) {
      term = { term: '', status: '', notes: [] };
      lang.terms.push(term);
    }
    if (name === 'term' || name === 'termNote' || name === 'note' || name === 'descrip') {
      textBuf = '';
      if (name === 'termNote' || name === 'descrip')
        stack[stack.length - 1] = `${name}:${attr('type')}`;
    }
  });
  parser.on('text', (t) => {
    if (textBuf !== undefined) textBuf += t;
  });
  parser.on('closetag', () => {
    const name = stack.pop() ?? '';
    const value = (textBuf ?? '').trim();
    if (name === 'term' && term) term.term = value;
    else if (
      (name === 'termNote:administrativeStatus' || name === 'termNote:normativeAuthorization') &&
      term
    )
      term.status = value;
    else if (name === 'note') (term ? term.notes : entry?.notes)?.push(value);
    else if (name === 'descrip:subjectField' && entry) entry.domain = value;
    else if (TERM_SEC.has(name)) term = undefined;
    else if (LANG.has(name)) lang = undefined;
    else if (ENTRY.has(name) && entry) {
      entries.push(entry);
      entry = undefined;
    }
    if (
      name === 'term' ||
      name === 'note' ||
      name.startsWith('termNote') ||
      name.startsWith('descrip')
    )
      textBuf = undefined;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    stop((e as Error).message.replace(/^(?:[^:]*:)?\d+:\d+: /, ''));
  }
  if (error) return error;
  return { ok: true, rows: entries.map((e) => toRow(e, options)) };
}

function fail(message: string, line: number, column: number) {
  return { ok: false as const, error: { message, line, column } };
}

const isDeprecated = (s: string) => /deprecated|superseded/i.test(s);
const isPreferred = (s: string) => /preferred/i.test(s);

function toRow(e: EntryRead, options: TbxOptions): ImportedRow {
  const tgtLang = (options.targetLang ?? 'en').toLowerCase();
  const isTarget = (l: string) => l.toLowerCase().split('-')[0] === tgtLang.split('-')[0];
  const srcSec = e.langs.find((l) => !isTarget(l.lang));
  const tgtTerms = e.langs.filter((l) => isTarget(l.lang)).flatMap((l) => l.terms);
  const srcTerm = srcSec?.terms.find((t) => isPreferred(t.status)) ?? srcSec?.terms[0];
  const usable = tgtTerms.filter((t) => !isDeprecated(t.status));
  const preferred = usable.find((t) => isPreferred(t.status)) ?? usable[0];
  const fields: ImportedRow['fields'] = {
    source: srcTerm?.term ?? '',
    target: preferred?.term ?? '',
    alternatives: usable.filter((t) => t !== preferred).map((t) => t.term),
    forbidden: tgtTerms.filter((t) => isDeprecated(t.status)).map((t) => t.term),
    note: e.notes.join('\n\n'),
    caseSensitive: srcTerm?.notes.includes(CASE_SENSITIVE_NOTE) ?? false,
    domain: e.domain,
  };
  const error = !srcSec
    ? 'no source-language langSec'
    : !preferred
      ? `no ${tgtLang} term that is not deprecated`
      : undefined;
  return { line: e.line, fields, ...(error ? { error } : {}) };
}
