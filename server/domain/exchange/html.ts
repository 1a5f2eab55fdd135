import type { Exporter, ExportMeta, ExportUnit } from './types.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** HTML-escapes text; line breaks inside a paragraph become `<br>`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!).replace(/\r\n|\r|\n/g, '<br>\n');
}

const STYLE = `body{font:16px/1.6 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}td,th{border-top:1px solid #ccc;padding:.5rem;vertical-align:top;text-align:start}
td:first-child{color:#666;font-size:.8em}[lang|=zh]{font-family:"Noto Serif CJK SC","Songti SC",serif}
@media print{body{margin:0;max-width:none}tr{break-inside:avoid}}`;

function head(meta: ExportMeta): string {
  const lang = meta.layout === 'target' ? meta.targetLang : meta.sourceLang;
  let out =
    `<!doctype html>\n<html lang="${escapeHtml(lang)}">\n<head>\n<meta charset="utf-8">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<meta name="generator" content="Duizhao ${escapeHtml(meta.toolVersion)}">\n` +
    `<title>${escapeHtml(meta.title)}</title>\n<style>\n${STYLE}\n</style>\n</head>\n<body>\n`;
  if (meta.layout === 'target') return `${out}<article lang="${escapeHtml(meta.targetLang)}">\n`;
  out += `<h1 lang="${escapeHtml(meta.sourceLang)}">${escapeHtml(meta.title)}</h1>\n`;
  return (
    `${out}<table>\n<thead><tr><th>#</th><th>${escapeHtml(meta.sourceLang)}</th>` +
    `<th>${escapeHtml(meta.targetLang)}</th></tr></thead>\n<tbody>\n`
  );
}

function unit(u: ExportUnit, meta: ExportMeta): string {
  if (meta.layout === 'target') return `<p>${escapeHtml(u.target)}</p>\n`;
  return (
    `<tr id="u${escapeHtml(u.id)}"><td>${escapeHtml(u.id)}</td>` +
    `<td lang="${escapeHtml(meta.sourceLang)}">${escapeHtml(u.source)}</td>` +
    `<td lang="${escapeHtml(meta.targetLang)}">${escapeHtml(u.target)}</td></tr>\n`
  );
}

/** A standalone HTML page: the two sides in a table for reading and printing, or the translation alone. */
export const htmlExporter: Exporter = {
  format: 'html',
  extension: 'html',
  mediaType: 'text/html; charset=utf-8',
  sentences: false,
  head,
  unit,
  tail: (meta) =>
    meta.layout === 'target'
      ? '</article>\n</body>\n</html>\n'
      : '</tbody>\n</table>\n</body>\n</html>\n',
};
