import { describe, expect, it } from 'vitest';
import { convertLocale, localeKeys, toUiLanguage } from '../../../server/domain/i18n/index.js';

describe('toUiLanguage', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh_CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-hans', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['zh-Hant-CN', 'zh-Hant'],
    ['fr', undefined],
    ['', undefined],
  ])('%s → %s', (tag, expected) => {
    expect(toUiLanguage(tag)).toBe(expected);
  });
});

describe('convertLocale', () => {
  const tree = { a: { b: '文档', c: '用户 {{name}}' }, d: '退出' };
  const convert = (s: string) => s.replace('文档', '文件').replace('用户', '使用者');

  it('converts every leaf and keeps placeholders', () => {
    expect(convertLocale(tree, convert)).toEqual({
      a: { b: '文件', c: '使用者 {{name}}' },
      d: '退出',
    });
  });
  it('lets a reviewed override win', () => {
    expect(convertLocale(tree, convert, { d: '登出' }).d).toBe('登出');
  });
  it('refuses an override for a key that no longer exists', () => {
    expect(() => convertLocale(tree, convert, { gone: 'x' })).toThrow(/gone/);
  });
});

describe('localeKeys', () => {
  it('lists dotted keys with plural suffixes folded', () => {
    expect([...localeKeys({ a: { n_one: '1', n_other: 'n' }, b: 'x' })]).toEqual(['a.n', 'b']);
  });
});
