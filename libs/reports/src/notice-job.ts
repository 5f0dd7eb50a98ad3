import type { JobPayloads, JobResults } from '@app/contracts';
import { composeSummary } from './compose';
import { loadSummaryFacts, SummarySourceMissing } from './facts';
import { composeNotice, renderNoticeDocx } from './notice';
import { NoticeStore } from './notice-store';
import type { SummaryJobContext, SummaryJobDeps } from './summary-job';

/**
 * Renders one version of a conclusion notice: the facts of its minutes revision, the notice composed from
 * them, the secretariat's wording over it when there is one, the DOCX, its PDF, all saved in one statement.
 * A version already rendered, superseded by a newer edit, or issued, is left as it is (reused).
 */
export async function runNoticeJob(deps: SummaryJobDeps, { meetingId, revision, version }: JobPayloads['notice.generate'], ctx: SummaryJobContext): Promise<JobResults['notice.generate']> {
  const store = new NoticeStore(deps.db);
  const started = await store.start(meetingId, revision, version, ctx.attempt);
  if (!started) return { meetingId, revision, version, reused: true };
  try {
    const facts = await loadSummaryFacts(deps.db, meetingId, revision);
    const content = composeNotice(composeSummary(facts), facts);
    const docx = await renderNoticeDocx(content, started.wording, new Date(), { place: deps.place });
    const formatNotes: Record<string, string> = {};
    const unavailable = deps.office.unavailableReason();
    if (unavailable) formatNotes.pdf = unavailable;
    const pdf = unavailable ? null : await deps.office.convert(docx);
    const saved = await store.complete(meetingId, revision, version, { content, docx, pdf, formatNotes });
    await ctx.updateProgress(100);
    return { meetingId, revision, version, reused: !saved };
  } catch (err) {
    await store.failed(meetingId, revision, version, (err as Error).message, err instanceof SummarySourceMissing || ctx.attempt >= ctx.attempts);
    throw err;
  }
}
