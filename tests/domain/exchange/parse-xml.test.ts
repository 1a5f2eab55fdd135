import { describe, expect, it } from 'vitest';
import { parseTmx, parseXliff, parseXmlTree } from '../../../server/domain/exchange/index.js';

const TMX_HEAD =
  '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="zh-CN" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>';

describe('hostile XML is refused with line and column', () => {
  it.each([
    [
      'external entity (XXE)',
      '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<tmx>&xxe;</tmx>',
      /DOCTYPE/,
    ],
    [
      'entity expansion (billion laughs)',
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<tmx>&lol2;</tmx>',
      /DOCTYPE/,
    ],
    ['an undeclared entity', '<tmx>\n  <body>&nbsp;</body></tmx>', /entity/i],
    ['deep nesting', `<tmx>${'<hi>'.repeat(100)}${'</hi>'.repeat(100)}</tmx>`, /deeper than 64/],
    ['a truncated file', `${TMX_HEAD}<tu><tuv xml:lang="zh-CN"><seg>半`, /unclosed|end/i],
    ['a NUL character reference', '<tmx>&#0;</tmx>', /character/i],
    ['no XML at all', 'id\tzh\ten', /text|root|outside/i],
  ])('%s', (_name, xml, message) => {
    const started = performance.now();
    const r = parseXmlTree(xml);
    expect(performance.now() - started).toBeLessThan(200);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(message);
    expect(r.error.line).toBeGreaterThanOrEqual(1);
    expect(r.error.column).toBeGreaterThanOrEqual(0);
  });

  it('reports where a TMX file breaks', () => {
    const r = parseTmx(
      `${TMX_HEAD}\n<tu>\n<tuv xml:lang="zh-CN"><seg>a</sex></tuv></tu></body></tmx>`,
    );
    expect(r).toMatchObject({ ok: false, error: { line: 4, column: 34 } });
  });
});

describe('files from other tools', () => {
  it('TMX: inline codes are dropped, <hi> text kept, srclang picks the source', () => {
    const r = parseTmx(
      `${TMX_HEAD}<tu tuid="a"><tuv xml:lang="en"><seg>Hello <ph>&lt;b/&gt;</ph><hi>world</hi></seg></tuv><tuv xml:lang="zh-CN"><seg>你好<bpt i="1">&lt;b&gt;</bpt>世界<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu></body></tmx>`,
    );
    expect(r).toMatchObject({
      ok: true,
      file: {
        sourceLang: 'zh-CN',
        targetLang: 'en',
        units: [{ id: 'a', source: '你好世界', target: 'Hello world' }],
      },
    });
  });

  it('XLIFF 1.2: groups, <g> text, states and missing targets', () => {
    const r = parseXliff(
      `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="zh-CN" target-language="en-US" datatype="plaintext"><body><group id="g"><trans-unit id="1"><source>一<g id="1">二</g><x id="2"/></source><target state="signed-off">one <g id="1">two</g></target></trans-unit></group><trans-unit id="2"><source>三</source></trans-unit></body></file></xliff>`,
    );
    expect(r).toMatchObject({
      ok: true,
      file: {
        targetLang: 'en-US',
        units: [
          { id: '1', source: '一二', target: 'one two', status: 'reviewed' },
          { id: '2', source: '三', target: undefined },
        ],
      },
    });
  });

  it('XLIFF 2: segments and ignorables joined, codes dropped, <cp> decoded', () => {
    const r = parseXliff(
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh" trgLang="en"><file id="f"><unit id="u1"><segment state="final"><source>甲。</source><target>A.</target></segment><ignorable><source> </source></ignorable><segment><source>乙<ph id="1"/><cp hex="0007"/></source><target>B<pc id="2">b</pc></target></segment></unit></file></xliff>`,
    );
    expect(r).toMatchObject({
      ok: true,
      file: {
        sourceLang: 'zh',
        units: [{ id: 'u1', source: '甲。 乙\u0007', target: 'A. Bb', status: 'approved' }],
      },
    });
  });
});
