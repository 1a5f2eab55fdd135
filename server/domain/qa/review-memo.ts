import { analyzeSegment, type CompiledGlossary, type SegmentTerms } from '../glossary/index.js';
import type { Finding, QaContext, QaSegment } from './finding.js';
import { runChecks } from './index.js';

interface Remembered {
  source: string;
  target: string;
  analysis: SegmentTerms;
  /** The findings of every check, valid while `ratio` is the document's median ratio. */
  findings?: Finding[];
  ratio?: number | null;
}

/**
 * Remembers each paragraph's glossary analysis and QA findings between reviews of one
 * document, so that the review after an edit analyses only the paragraphs whose text changed
 * (a 5,000-paragraph document with a 5,000-entry glossary took ~2.5 s to review from scratch;
 * bench/README.md, consistency). Keyed by the texts themselves, not by a version number, so a
 * change made by any path (edit, import, split, another process) is seen.
 *
 * `stamp` changes whenever anything a review depends on may have changed (the glossary, a
 * paragraph's text, the paragraphs' set or order, the length median): equal stamps promise an
 * identical review.
 */
export class ReviewMemo {
  private glossary: CompiledGlossary | undefined;
  private bySegment = new Map<number, Remembered>();
  private order = '';
  private generation = 0;
  private ratio: number | null | undefined;
  /** Paragraphs analysed afresh by the last `analyse` call (for tests and figures). */
  lastAnalysed = 0;

  get stamp(): number {
    return this.generation;
  }

  /** Each segment's glossary analysis, reusing the remembered ones whose texts are unchanged. */
  analyse(g: CompiledGlossary, segments: readonly QaSegment[]): SegmentTerms[] {
    if (g !== this.glossary) {
      this.glossary = g;
      this.bySegment.clear();
      this.generation++;
    }
    let analysed = 0;
    const out = segments.map((s) => {
      const hit = this.bySegment.get(s.id);
      if (hit && hit.source === s.source && hit.target === s.target) return hit.analysis;
      analysed++;
      const analysis = analyzeSegment(g, s);
      this.bySegment.set(s.id, { source: s.source, target: s.target, analysis });
      return analysis;
    });
    const order = segments.map((s) => s.id).join(',');
    if (analysed > 0 || order !== this.order) this.generation++;
    this.order = order;
    if (this.bySegment.size > segments.length) {
      const present = new Set(segments.map((s) => s.id));
      for (const id of this.bySegment.keys()) if (!present.has(id)) this.bySegment.delete(id);
    }
    this.lastAnalysed = analysed;
    return out;
  }

  /**
   * Every check's findings in segment order, as `runChecks` gives them, re-running the checks
   * only for paragraphs analysed afresh or when the document's median length ratio moved.
   * Call after `analyse` with a context built from its analyses.
   */
  check(segments: readonly QaSegment[], ctx: QaContext): Finding[] {
    if (ctx.medianRatio !== this.ratio) {
      this.ratio = ctx.medianRatio;
      this.generation++;
    }
    const out: Finding[] = [];
    for (const s of segments) {
      const m = this.bySegment.get(s.id);
      if (m && m.findings && m.ratio === ctx.medianRatio) {
        out.push(...m.findings);
        continue;
      }
      const found = runChecks([s], ctx);
      if (m) {
        m.findings = found;
        m.ratio = ctx.medianRatio;
      }
      out.push(...found);
    }
    return out;
  }
}
