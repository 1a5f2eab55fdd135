import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import request from 'supertest';
import { makeApp, signInAgent } from '../helpers.js';

let agent: ReturnType<typeof request.agent>;
let app: Express;
beforeAll(async () => {
  ({ app } = await makeApp());
  ({ agent } = await signInAgent(app));
});

describe('pages', () => {
  it('/documents/:id shows 20 rows side by side with the test hooks', async () => {
    const res = await agent.get('/documents/1').expect(200);
    const rows = res.text.match(/data-segment-id="\d+"/g) ?? [];
    expect(rows).toHaveLength(20);
    expect(res.text.match(/data-side="source"/g)).toHaveLength(20);
    expect(res.text.match(/data-side="target"/g)).toHaveLength(20);
    expect(res.text.match(/data-status="translated"/g)).toHaveLength(20);
    expect(res.text).toContain('class="seg-row is-headline"');
    expect(res.text).toMatch(/<meta name="csrf-token" content="[\w-]{43}">/);
  });

  it('escapes text from the database', async () => {
    const res = await agent.get('/documents/1').expect(200);
    // The seed source has ASCII parentheses and curly quotes; nothing is double-escaped…
    expect(res.text).toContain('“一堵墙”');
    // …and the glossary page shows notes as text.
    const glossary = await agent.get('/glossary').expect(200);
    expect(glossary.text).toContain('模型权重');
    expect(glossary.text).not.toMatch(
      /<script(?! type="module" src="\/static| type="application\/json")/,
    );
  });

  it.each([
    ['en', 'en', 'Documents'],
    ['zh-Hans', 'zh-Hans', '文档'],
    ['zh-Hant', 'zh-Hant', '文件'],
    ['zh-TW', 'zh-Hant', '文件'],
  ])('?lng=%s sets <html lang="%s"> and the UI text', async (lng, lang, word) => {
    const res = await agent.get(`/?lng=${lng}`).expect(200);
    expect(res.text).toContain(`<html lang="${lang}">`);
    expect(res.text).toContain(`<h1>${word}</h1>`);
  });

  it('remembers the chosen language in a cookie', async () => {
    const a = request.agent(app);
    const res = await a.get('/login?lng=zh-Hant').expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/dz_lng=zh-Hant/);
    const again = await a.get('/login').expect(200);
    expect(again.text).toContain('<html lang="zh-Hant">');
  });

  it('follows Accept-Language when nothing was chosen', async () => {
    const res = await request(app)
      .get('/login')
      .set('Accept-Language', 'zh-HK,zh;q=0.9')
      .expect(200);
    expect(res.text).toContain('<html lang="zh-Hant">');
    const cn = await request(app).get('/login').set('Accept-Language', 'zh-CN').expect(200);
    expect(cn.text).toContain('<html lang="zh-Hans">');
  });

  it('shows a 404 page for an unknown document', async () => {
    const res = await agent.get('/documents/999?lng=en').expect(404);
    expect(res.text).toContain('Error 404');
  });
});
