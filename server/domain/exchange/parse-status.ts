import { SEGMENT_STATUSES, type SegmentStatus } from '../segment/index.js';

/** A status name of ours, or undefined. */
export function asStatus(value: string | undefined): SegmentStatus | undefined {
  return (SEGMENT_STATUSES as readonly string[]).includes(value ?? '')
    ? (value as SegmentStatus)
    : undefined;
}

/** A positive integer version, or undefined. */
export function asVersion(value: string | undefined): number | undefined {
  const v = Number(value?.trim());
  return value !== undefined && /^\s*\d{1,9}\s*$/.test(value) && v >= 1 ? v : undefined;
}

/** Our document id from an `original` such as `duizhao/documents/12`. */
export function documentIdFrom(original: string | undefined): number | undefined {
  const m = /^duizhao\/documents\/(\d{1,15})$/.exec(original ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Most units one file may hold. */
export const MAX_UNITS = 200_000;
