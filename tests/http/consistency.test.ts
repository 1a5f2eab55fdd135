import request from 'supertest';
import type { Express } from 'express';
import { beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password.js';
import { checkTerms } from '../../server/cli/check-terms.js';
import type { Db } from '../../server/store/db.js';
import { getDocument } from '../../server/store/documents.js';
import { saveSegment } from '../../server/store/segments.js';
import { createUser } from '../../server/store/users.js';
import { adminToken, makeApp, signInAgent } from '../helpers.js';

let app: Express;
let db: Db;
let admin: { Authorization: string };

beforeEach(async () => {
  ({ app, db } = await makeApp());
  admin = { Authorization: `Bearer ${await adminToken(app)}` };
});

/** Replaces text in the English of the paragraph that contains it, as an edit would. */
async function editTarget(find: string, replace: string): Promise<number> {
  const doc = await getDocument(db, 1);
  const seg = doc!.segments.find((s) => s.target.includes(find))!;
  const r = await saveSegment(db, {
    id: seg.id,
    target: seg.target.replace(find, replace),
    expectedVersion: seg.version,
    authorId: null,
    kind: 'edit',
  });
  expect(r.ok).toBe(true);
  return seg.id;
}

async function cli(args: string[]) {
  const out: string[] = [];
  const code = await checkTerms(args, {
    out: (l) => out.push(l),
    err: (l) => out.push(l),
    openDb: async () => db,
  });
  return { code, out: out.join('\n') };
}

describe('GET /api/documents/:id/terms', () => {
  it('gives term matches per segment with offsets, as DESIGN.md shows', async () => {
    const res = await request(app).get('/api/documents/1/terms').set(admin).expect(200);
    const doc = await getDocument(db, 1);
    expect(res.body.segments).toHaveLength(20);
    for (const seg of res.body.segments as {
      segmentId: number;
      matches: { side: string; start: number; end: number; text: string }[];
    }[]) {
      const s = doc!.segments.find((x) => x.id === seg.segmentId)!;
      for (const m of seg.matches)
        expect((m.side === 'source' ? s.source : s.target).slice(m.start, m.end)).toBe(m.text);
    }
    const weights = (
      res.body.segments as { matches: { entryId: number; side: string; text: string }[] }[]
    )
      .flatMap((s) => s.matches)
      .filter((m) => m.text === '模型权重');
    expect(weights).toHaveLength(1);
    expect(weights[0]).toMatchObject({
      side: 'source',
      entryId: expect.any(Number),
      start: expect.any(Number),
      end: expect.any(Number),
    });
    expect(res.body.entries.find((e: { source: string }) => e.source === '模型权重').target).toBe(
      'model weights',
    );
    await request(app).get('/api/documents/999/terms').set(admin).expect(404);
  });
});

describe('GET /api/documents/:id/consistency', () => {
  it('shows every occurrence of the seed article ok, with no QA findings', async () => {
    const res = await request(app).get('/api/documents/1/consistency').set(admin).expect(200);
    const { summary, entries, findings } = res.body;
    expect(summary).toEqual({ entries: 57, occurrences: 101, ok: 101, missing: 0, forbidden: 0 });
    expect(findings).toEqual([]);
    const w = entries.find((e: { source: string }) => e.source === '模型权重');
    expect(w).toMatchObject({
      target: 'model weights',
      occurrences: [{ verdict: 'ok', rendering: 'model weights', text: '模型权重' }],
    });
    expect(Object.keys(w.occurrences[0])).toEqual(
      expect.arrayContaining(['segmentId', 'start', 'end', 'rendering', 'verdict']),
    );
    const varied = entries
      .filter((e: { varied: boolean }) => e.varied)
      .map((e: { source: string }) => e.source);
    expect(varied).toEqual(expect.arrayContaining(['大模型', '开源']));
    expect(res.body).not.toHaveProperty('candidates');
    const cands = await request(app).get('/api/documents/1/candidates').set(admin).expect(200);
    expect(cands.body.candidates.length).toBeGreaterThan(0);
    expect(cands.body.candidates[0]).toMatchObject({
      source: expect.any(String),
      count: expect.any(Number),
      renderings: expect.any(Array),
    });
  });

  it("lists other checks' findings, follows every edit, and has a summary view", async () => {
    const segmentId = await editTarget('May 23', 'May 28');
    const res = await request(app).get('/api/documents/1/consistency').set(admin).expect(200);
    expect(res.body.findings).toContainEqual(
      expect.objectContaining({ segmentId, check: 'numbers', severity: 'error' }),
    );
    // A second edit is seen at once: nothing of the previous reply is served again.
    await editTarget('May 28', 'May 23');
    const again = await request(app).get('/api/documents/1/consistency').set(admin).expect(200);
    expect(again.body.findings).toEqual([]);
    const summary = await request(app)
      .get('/api/documents/1/consistency?view=summary')
      .set(admin)
      .expect(200);
    expect(summary.body.summary).toEqual(again.body.summary);
    expect(summary.body.entries[0]).not.toHaveProperty('occurrences');
    expect(summary.body).not.toHaveProperty('findings');
    await request(app).get('/api/documents/1/consistency?view=everything').set(admin).expect(400);
    await request(app).get('/api/documents/99/consistency').set(admin).expect(404);
  });

  it('shows "model parameters" at once: API, review page and CLI exit code', async () => {
    expect((await cli(['1'])).code).toBe(0);
    const segmentId = await editTarget('sell model weights', 'sell model parameters');
    const res = await request(app).get('/api/documents/1/consistency').set(admin).expect(200);
    expect(res.body.summary).toMatchObject({ forbidden: 1, missing: 0 });
    expect(res.body.counts).toMatchObject({ errors: 1 });
    // The verdict is on the entry's occurrence; the finding itself is listed on request.
    const weights = res.body.entries.find((e: { source: string }) => e.source === '模型权重');
    expect(weights.occurrences).toContainEqual(
      expect.objectContaining({
        segmentId,
        verdict: 'forbidden',
        rendering: 'model parameters',
        form: 'model parameters',
      }),
    );
    expect(res.body.findings).toEqual([]);
    const all = await request(app)
      .get('/api/documents/1/consistency?findings=all')
      .set(admin)
      .expect(200);
    expect(all.body.findings).toEqual([
      expect.objectContaining({
        segmentId,
        check: 'glossary_forbidden',
        severity: 'error',
        message: expect.stringContaining('model parameters'),
      }),
    ]);
    const page = await request(app)
      .get('/documents/1/review?verdict=forbidden')
      .set(admin)
      .expect(200);
    expect(page.text).toContain('data-verdict="forbidden"');
    expect(page.text).toContain(`href="/documents/1#seg-${segmentId}"`);
    expect(page.text).not.toContain('data-verdict="ok"');
    const run = await cli(['1']);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/1 forbidden/);
    expect(run.out).toMatch(/glossary_forbidden/);
  });

  it('lets a reviewer accept a finding (stored with who and why) and withdraw it', async () => {
    const segmentId = await editTarget('sell model weights', 'sell model parameters');
    const before = await request(app).get('/api/documents/1/consistency?findings=all').set(admin);
    const f = before.body.findings[0];
    const { agent, csrf } = await signInAgent(app);
    await agent
      .post('/api/documents/1/findings/accept')
      .send({ segmentId, check: f.check, key: f.key, reason: 'quoted' })
      .expect(403);
    const accepted = await agent
      .post('/api/documents/1/findings/accept')
      .set('X-CSRF-Token', csrf)
      .send({ segmentId, check: f.check, key: f.key, reason: 'The analyst’s own words, quoted.' })
      .expect(201);
    const after = await request(app).get('/api/documents/1/consistency?findings=all').set(admin);
    expect(after.body.findings).toEqual([]);
    expect(after.body.accepted[0].acceptance).toMatchObject({
      reason: 'The analyst’s own words, quoted.',
      user: { username: 'admin' },
    });
    expect((await cli(['1'])).code).toBe(0);
    const page = await agent.get('/documents/1/review').expect(200);
    expect(page.text).toContain('Accepted by Administrator: The analyst’s own words, quoted.');
    await agent
      .delete(`/api/qa-acceptances/${accepted.body.acceptance.id}`)
      .set('X-CSRF-Token', csrf)
      .expect(204);
    expect(
      (await request(app).get('/api/documents/1/consistency?findings=all').set(admin)).body
        .findings,
    ).toHaveLength(1);
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['accept_finding', 'withdraw_acceptance'])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['accept_finding', 'withdraw_acceptance']);
  });

  it.each([
    [
      'a finding on a segment of another document',
      { segmentId: 99999, check: 'numbers', key: 'x', reason: 'r' },
      404,
    ],
    ['an unknown check', { segmentId: 1, check: 'spelling', key: 'x', reason: 'r' }, 400],
    ['no reason', { segmentId: 1, check: 'numbers', key: 'x', reason: ' ' }, 400],
  ])('refuses to accept %s', async (_what, body, status) => {
    await request(app)
      .post('/api/documents/1/findings/accept')
      .set(admin)
      .send(body)
      .expect(status);
  });

  it('refuses translators the accept action', async () => {
    await createUser(db, {
      username: 'tr',
      displayName: 'T',
      role: 'translator',
      passwordHash: await hashPassword('password-123'),
    });
    const token = (
      await request(app).post('/api/tokens').send({ username: 'tr', password: 'password-123' })
    ).body.token;
    await request(app)
      .post('/api/documents/1/findings/accept')
      .set({ Authorization: `Bearer ${token}` })
      .send({ segmentId: 1, check: 'numbers', key: 'x', reason: 'r' })
      .expect(403);
  });
});

describe('the /documents/:id/review page', () => {
  it('shows each entry with every occurrence, verdict and a link to its paragraph', async () => {
    const page = await request(app).get('/documents/1/review').set(admin).expect(200);
    expect(page.text.match(/data-verdict="ok"/g)).toHaveLength(101);
    expect(page.text).toContain('Every term occurrence follows the glossary.');
    expect(page.text).toMatch(/href="\/documents\/1#seg-\d+"/);
    expect(page.text).toContain('Rendered more than one way');
    expect(page.text).toContain('No QA findings.');
    expect(page.text).toContain('data-action="add-candidate"');
  });

  it('filters by verdict, check, severity, term and variation', async () => {
    await editTarget('On May 23', 'On May 25');
    const missing = await request(app)
      .get('/documents/1/review?verdict=missing')
      .set(admin)
      .expect(200);
    expect(missing.text).not.toContain('data-verdict=');
    const numbers = await request(app)
      .get('/documents/1/review?check=numbers&severity=error')
      .set(admin)
      .expect(200);
    expect(numbers.text).toContain('“5月23日” has no counterpart in the English.');
    const varied = await request(app)
      .get('/documents/1/review?varied=1&q=开源')
      .set(admin)
      .expect(200);
    expect(varied.text).toContain('data-entry-id');
    await request(app).get('/documents/1/review?check=spelling').set(admin).expect(400);
    await request(app).get('/documents/999/review').set(admin).expect(404);
  });

  it('speaks Traditional Chinese', async () => {
    const page = await request(app).get('/documents/1/review?lng=zh-Hant').set(admin).expect(200);
    expect(page.text).toContain('一致性審校');
    expect(page.text).toContain('<html lang="zh-Hant">');
  });
});

describe('npm run check-terms', () => {
  it('checks a pair of files against the database glossary', async () => {
    const run = await cli([
      'corpus/documents/enforce-act/source.zh.txt',
      'corpus/documents/enforce-act/target.en.txt',
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/101 ok, 0 missing, 0 forbidden/);
  });

  it('exits 2 on a usage error or a missing document', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['999'])).code).toBe(2);
    expect((await cli(['1', '--colour'])).code).toBe(2);
  });
});
