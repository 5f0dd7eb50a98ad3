import type { DataSource } from 'typeorm';
import type { JobPayloads, JobResults } from '@app/contracts';
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
  const step = async (progress: number, phase: string) => {
    await store.progress(meetingId, revision, progress, phase);
    await ctx.updateProgress(progress);
  };
  try {
    await step(5, 'collecting');
    const facts = await loadSummaryFacts(deps.db, meetingId, revision);
    const summary = composeSummary(facts);
    await step(30, 'docx');
    const docx = await renderSummaryDocx(summary, { place: deps.place });
    const formatNotes: Record<string, string> = {};
    let pdf: Buffer | null = null;
    const unavailable = deps.office.unavailableReason();
    if (unavailable) formatNotes.pdf = unavailable;
    else {
      await step(50, 'pdf');
      pdf = await deps.office.convert(docx);
    }
    await step(90, 'saving');
    const saved = await store.complete(meetingId, revision, { summary, docx, pdf, formatNotes });
    await ctx.updateProgress(100);
    return { meetingId, revision, reused: !saved };
  } catch (err) {
    const permanent = err instanceof SummarySourceMissing;
    await store.failed(meetingId, revision, (err as Error).message, permanent || ctx.attempt >= ctx.attempts);
    throw err;
  }
}
