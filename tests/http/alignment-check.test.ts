import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { adminToken, makeApp, signInAgent } from '../helpers.js';

describe('pairs the aligner doubted', () => {
  it('are flagged with the reason, shown in the editor, and cleared once a person confirms them', async () => {
    const { app } = await makeApp({ seedCorpus: false });
    const auth = { Authorization: `Bearer ${await adminToken(app)}` };
    // Four source paragraphs, three English ones: the second English paragraph translates two.
    const source =
      '北京时间5月23日,委员会以43比3通过法案。\n法案旨在加强出口管制。\n此前5月9日,议员提出了法案。\n林剑回应称,这不符合任何一方的利益。';
    const target =
      'On May 23, the committee passed the bill 43 to 3.\nThe bill aims to tighten export controls. Earlier, on May 9, members introduced the bill.\nLin Jian responded that this serves no one’s interests.';
    const created = await request(app)
      .post('/api/documents')
      .set(auth)
      .send({ title: 'Aligned', sourceLang: 'zh-CN', targetLang: 'en', source, target })
      .expect(201);
    const id = created.body.document.id;
    const doc = (await request(app).get(`/api/documents/${id}`).set(auth).expect(200)).body;
    const flagged = doc.segments.filter((s: { alignCheck: boolean }) => s.alignCheck);
    expect(flagged.length).toBe(created.body.alignment.lowConfidence.length);
    expect(flagged.length).toBeGreaterThan(0);
    for (const s of flagged) expect(s.alignNote).toMatch(/^\d-\d · [01]\.\d\d$/);

    const { agent } = await signInAgent(app);
    const page = await agent.get(`/documents/${id}`).expect(200);
    expect(page.text.match(/data-align-check/g)?.length).toBe(flagged.length);

    const first = flagged[0];
    const confirmed = await request(app)
      .patch(`/api/segments/${first.id}`)
      .set(auth)
      .send({ status: 'translated', version: first.version })
      .expect(200);
    expect(confirmed.body).toMatchObject({ alignCheck: false, alignNote: '' });
  });
});
