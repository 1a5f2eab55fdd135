import { describe, expect, it } from 'vitest';
import {
  splitChineseSentences,
  splitEnglishSentences,
} from '../../../server/domain/align/index.js';

describe('splitChineseSentences', () => {
  it.each([
    ['一句。两句！三句？', ['一句。', '两句！', '三句？']],
    ['他说：“好。”然后走了。', ['他说：“好。”', '然后走了。']],
    ['第一；第二', ['第一；', '第二']],
    ['等等……然后', ['等等……', '然后']],
    ['没有句号', ['没有句号']],
    ['《标题》很长。 后面', ['《标题》很长。 ', '后面']],
    ['', []],
  ])('%s', (text, expected) => {
    expect(splitChineseSentences(text)).toEqual(expected);
    expect(splitChineseSentences(text).join('')).toBe(text);
  });
});

describe('splitEnglishSentences', () => {
  it.each([
    ['One. Two! Three?', ['One. ', 'Two! ', 'Three?']],
    ['The U.S. House voted. It passed.', ['The U.S. House voted. ', 'It passed.']],
    ['Mr. Lin said so. Dr. Wang agreed.', ['Mr. Lin said so. ', 'Dr. Wang agreed.']],
    ['He said "no." Then he left.', ['He said "no." ', 'Then he left.']],
    ['See No. 5 for details. It is short.', ['See No. 5 for details. ', 'It is short.']],
    ['Version 3.5 is out. GPT-4 too.', ['Version 3.5 is out. ', 'GPT-4 too.']],
    ['J. Smith wrote it.', ['J. Smith wrote it.']],
    ['ends in lower case. then more', ['ends in lower case. then more']],
    ['On May 9. 2024 was the year.', ['On May 9. ', '2024 was the year.']],
  ])('%s', (text, expected) => {
    expect(splitEnglishSentences(text)).toEqual(expected);
    expect(splitEnglishSentences(text).join('')).toBe(text);
  });
});
