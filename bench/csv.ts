/** One RFC 4180 CSV row (cells quoted when they need it). */
export function csvRow(cells: string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}
