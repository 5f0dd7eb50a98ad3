import type { DataSource } from 'typeorm';
import type { JobPayloads, JobResults, SummaryStage } from '@app/contracts';
import { composeSummary } from './compose';
import { renderSummaryDocx } from './docx';
import { loadSummaryFacts, SummarySourceMissing } from './facts';
import type { OfficeConverter } from './office';
import { ReportStore } from './report-store';

/** what the queue tells a running job (the JobContext of @app/queue, which this library does not import) */
export interface SummaryJobContext {
  attempt: number;
  attempts: number;
  updateProgress(percent: number): Promise<void>;
}

export interface SummaryJobDeps {
  db: DataSource;
  office: OfficeConverter;
  /** the place on the report's date line */
  place?: string;
}

/**
 * Builds one report: reads the facts, composes the summary, renders the DOCX,
 * converts it to PDF, and saves all three in one statement. Killed halfway,
 * it leaves the row "running" with nothing saved; BullMQ hands the stalled
 * job to another worker, which starts over; a report already done is reused.
 */
export async function runSummaryJob(
  deps: SummaryJobDeps,
  { meetingId, revision }: JobPayloads['summary.generate'],
  ctx: SummaryJobContext,
): Promise<JobResults['summary.generate']> {
  const store = new ReportStore(deps.db);
  if (!(await store.start(meetingId, revision, ctx.attempt))) return { meetingId, revision, reused: true };
  const stagesMs: Partial<Record<SummaryStage, number>> = {};
  const timed = async <T>(stage: SummaryStage, work: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      stagesMs[stage] = Math.round((stagesMs[stage] ?? 0) + performance.now() - t);
    }
  };
  // Progress is for the people watching; the work does not wait for it. Each step is written in order
  // (one chain) beside the work, and the chain is awaited before the report is saved, so the row never
  // goes back from done to running (progress() only touches a running row anyway).
  let progressChain: Promise<void> = Promise.resolve();
  let progressError: unknown = null;
  const step = (progress: number, phase: string) => {
    progressChain = progressChain
      .then(async () => {
        if (progressError) return;
        await store.progress(meetingId, revision, progress, phase);
        await ctx.updateProgress(progress);
      })
      .catch((err: unknown) => void (progressError ??= err));
  };
  try {
    step(5, 'collecting');
    const facts = await timed('facts', () => loadSummaryFacts(deps.db, meetingId, revision));
    const summary = await timed('compose', () => composeSummary(facts));
    step(30, 'docx');
    const docx = await timed('docx', () => renderSummaryDocx(summary, { place: deps.place }));
    const formatNotes: Record<string, string> = {};
    let pdf: Buffer | null = null;
    const unavailable = deps.office.unavailableReason();
    if (unavailable) formatNotes.pdf = unavailable;
    else {
      step(50, 'pdf');
      pdf = await timed('pdf', () => deps.office.convert(docx));
    }
    step(90, 'saving');
    // what the progress writes still held the job up: the part of them that did not overlap the work
    await timed('progress', () => progressChain);
    if (progressError) throw progressError;
    const saved = await timed('save', () => store.complete(meetingId, revision, { summary, docx, pdf, formatNotes }));
    await ctx.updateProgress(100);
    return { meetingId, revision, reused: !saved, stagesMs };
  } catch (err) {
    await progressChain; // the failure is written after the last progress, never overwritten by it
    const permanent = err instanceof SummarySourceMissing;
    await store.failed(meetingId, revision, (err as Error).message, permanent || ctx.attempt >= ctx.attempts);
    throw err;
  }
}
