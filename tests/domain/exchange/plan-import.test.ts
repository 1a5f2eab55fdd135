import { describe, expect, it } from 'vitest';
import {
  matchUnits,
  planImport,
  type CurrentSegment,
  type ImportedFile,
} from '../../../server/domain/exchange/index.js';

const seg = (
  id: number,
  source: string,
  target: string,
  version = 1,
  status: CurrentSegment['status'] = 'translated',
): CurrentSegment => ({ id, position: id, source, target, status, version });

const SEGMENTS = [
  seg(1, '一', 'one'),
  seg(2, '二', 'two v3', 3),
  seg(3, '三', 'three v2', 2),
  seg(4, '四', '', 1, 'new'),
  seg(5, '五', 'five', 1, 'approved'),
  seg(6, '六', 'six'),
];
/** Targets at earlier versions, as the revision history has them. */
const HISTORY: Record<string, string> = { '2:1': 'two', '3:1': 'three' };

function plan(file: ImportedFile, canEditApproved = false) {
  const { matches, unknown } = matchUnits(SEGMENTS, file, {
    documentId: 1,
    lossy: false,
    convertSource: (t) => t,
  });
  return planImport(matches, unknown, SEGMENTS.length, {
    lossy: false,
    canEditApproved,
    targetAt: (id, v) => HISTORY[`${id}:${v}`],
    documentId: 1,
    fileDocumentId: file.documentId,
  });
}

describe('planImport on a file exported from this document', () => {
  const file: ImportedFile = {
    documentId: 1,
    units: [
      { id: '1', source: '一', target: 'ONE', version: 1, line: 1 },
      { id: '2', source: '二', target: 'two', version: 1, line: 2 },
      { id: '3', source: '三', target: 'THREE', version: 1, line: 3 },
      { id: '4', source: '四', target: 'four', version: 1, line: 4 },
      { id: '5', source: '五', target: 'FIVE', version: 1, line: 5 },
      { id: '6', source: '六', target: 'six', version: 1, line: 6 },
      { id: '99', source: '九十九', target: 'ninety-nine', version: 1, line: 7 },
    ],
  };
  const { changes, report } = plan(file);

  it.each([
    ['changed only in the file', 1, 'updated'],
    ['changed only here since export', 2, 'unchanged'],
    ['changed here and in the file', 3, 'conflicts'],
    ['empty here', 4, 'updated'],
    ['approved, imported by a translator', 5, 'locked'],
    ['the same text', 6, 'unchanged'],
  ] as const)('segment %s → %s', (_what, id, bucket) => {
    expect(report[bucket].map((e) => e.segmentId)).toContain(id);
  });

  it('writes only the updates, against the current versions', () => {
    expect(changes).toEqual([
      { segmentId: 1, expectedVersion: 1, target: 'ONE', status: 'translated' },
      { segmentId: 4, expectedVersion: 1, target: 'four', status: 'translated' },
    ]);
  });

  it('reports the conflict with all three texts, and the unknown unit', () => {
    expect(report.conflicts).toEqual([
      {
        segmentId: 3,
        position: 3,
        unitId: '3',
        line: 3,
        reason: 'changed-both',
        current: 'three v2',
        incoming: 'THREE',
        base: 'three',
      },
    ]);
    expect(report.unknown).toEqual([
      { unitId: '99', line: 7, source: '九十九', reason: 'no-match' },
    ]);
    expect(report.summary).toEqual({
      units: 7,
      updated: 2,
      unchanged: 2,
      conflicts: 1,
      locked: 1,
      unknown: 1,
      notInFile: 0,
    });
  });

  it('lets a reviewer change approved segments', () => {
    expect(plan(file, true).report.updated.map((e) => e.segmentId)).toContain(5);
  });
});

describe('planImport on a file from elsewhere (no ids, no versions)', () => {
  it('matches by source, fills empty targets, and never overwrites a target silently', () => {
    const { changes, report } = plan({
      units: [
        { source: '四', target: 'four', line: 1 },
        { source: '一', target: 'uno', line: 2 },
        { source: '一', target: 'again', line: 3 },
      ],
    });
    expect(changes.map((c) => c.segmentId)).toEqual([4]);
    expect(report.conflicts).toMatchObject([{ segmentId: 1, reason: 'no-version' }]);
    expect(report.unknown).toMatchObject([{ line: 3, reason: 'no-match' }]);
  });

  it('does not trust ids from another document', () => {
    const { matches } = matchUnits(
      SEGMENTS,
      { documentId: 2, units: [{ id: '1', source: '二', target: 'x', line: 1 }] },
      { documentId: 1, lossy: false, convertSource: (t) => t },
    );
    expect(matches).toMatchObject([{ segment: { id: 2 }, by: 'source' }]);
  });

  it('flags a source changed here since export (split or merge)', () => {
    const { report } = plan({
      documentId: 1,
      units: [{ id: '6', source: '六七', target: 'six seven', version: 1, line: 1 }],
    });
    expect(report.conflicts).toMatchObject([{ segmentId: 6, reason: 'source-changed' }]);
  });
});
