import { describe, expect, it } from 'vitest';
import { titleFromFileName } from '../../../server/domain/exchange/index.js';

describe('titleFromFileName', () => {
  it.each([
    ['hearing.tmx', 'hearing'],
    ['book.en-zh.tmx', 'book.en-zh'],
    ['C:\\Users\\ann\\Desktop\\报告 2026.xlf', '报告 2026'],
    ['/home/ann/notes', 'notes'],
    ['  spaced name .csv', 'spaced name'],
    ['tab\there.tsv', 'tabhere'],
  ])('%j → %j', (name, title) => {
    expect(titleFromFileName(name)).toBe(title);
  });

  it('gives nothing when only an extension or a directory is left', () => {
    expect(titleFromFileName('.tmx')).toBeUndefined();
    expect(titleFromFileName('dir/')).toBeUndefined();
    expect(titleFromFileName('  ')).toBeUndefined();
  });

  it('keeps at most 300 characters', () => {
    expect(titleFromFileName(`${'长'.repeat(400)}.tmx`)).toHaveLength(300);
  });
});
