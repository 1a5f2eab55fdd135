import type { Exporter, ExportMeta, ExportUnit } from './types.js';

/** Inline Markdown escapes (CommonMark: any ASCII punctuation may be backslash-escaped). */
function inline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/** Escapes a line start that Markdown would read as a heading, quote, list or rule. */
function lineStart(line: string): string {
  return line.replace(
    /^(\s*)([#>+\-=]|\d+[.)])/,
    (_m, sp: string, mark: string) => `${sp}${mark.replace(/([#>+\-=.)])$/, '\\$1')}`,
  );
}

/** A paragraph as Markdown: escaped, inner line breaks as CommonMark hard breaks. */
function block(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => lineStart(inline(l)))
    .join('\\\n');
}

/** A table cell: escaped, pipes escaped, inner line breaks as `<br>`. */
function cell(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => inline(l))
    .join('<br>');
}

function head(meta: ExportMeta): string {
  const title = `# ${inline(meta.title)}\n\n`;
  if (meta.layout === 'target') return title;
  return `${title}| # | ${meta.sourceLang} | ${meta.targetLang} |\n|---|---|---|\n`;
}

/**
 * Markdown for reading: a two-column table (bilingual), or the translation alone as
 * paragraphs for publication (`layout=target`).
 */
export const markdownExporter: Exporter = {
  format: 'md',
  extension: 'md',
  mediaType: 'text/markdown; charset=utf-8',
  sentences: false,
  head,
  unit: (u: ExportUnit, meta: ExportMeta) =>
    meta.layout === 'target'
      ? `${block(u.target)}\n\n`
      : `| ${u.id} | ${cell(u.source)} | ${cell(u.target)} |\n`,
  tail: () => '',
};
