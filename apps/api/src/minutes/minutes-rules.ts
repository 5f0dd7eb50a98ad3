import { createHash } from 'node:crypto';
import { diffWords } from 'diff';
import type { MinutesAction, MinutesDiffEntry, MinutesEntry, MinutesStatus } from '@app/contracts';

/** draft -> in review -> approved (by the chair) -> published; review and approval can be reopened to draft. */
export function nextMinutesStatus(current: MinutesStatus, action: MinutesAction): MinutesStatus | null {
  switch (action) {
    case 'submit':
      return current === 'draft' ? 'in_review' : null;
    case 'approve':
      return current === 'in_review' ? 'approved' : null;
    case 'reopen':
      return current === 'in_review' || current === 'approved' ? 'draft' : null;
    case 'publish':
      return current === 'approved' ? 'published' : null;
  }
}

/** The working copy changes only as a draft: in review and approved it is read-only until sent back; published, until a correction is started. */
export const editableMinutes = (status: MinutesStatus) => status === 'draft';

/** Why the working copy cannot be edited now, or null when it can. */
export function editRefusal(status: MinutesStatus): 'in_review' | 'approved' | 'needs_correction' | null {
  switch (status) {
    case 'draft':
      return null;
    case 'in_review':
      return 'in_review';
    case 'approved':
      return 'approved';
    case 'published':
      return 'needs_correction';
  }
}

/**
 * Where an entry goes when moved one place: the position between its new
 * neighbours (entries sorted by position; null when it is already at that edge).
 * Positions are doubles, so a move changes one row only.
 */
export function movedPosition(sorted: readonly { id: string; position: number }[], id: string, direction: 'up' | 'down'): number | null {
  const i = sorted.findIndex((e) => e.id === id);
  if (i < 0) return null;
  if (direction === 'up') {
    if (i === 0) return null;
    const above = sorted[i - 1];
    const beyond = sorted[i - 2];
    return beyond ? (beyond.position + above.position) / 2 : above.position - 1;
  }
  if (i === sorted.length - 1) return null;
  const below = sorted[i + 1];
  const beyond = sorted[i + 2];
  return beyond ? (below.position + beyond.position) / 2 : below.position + 1;
}

/** What a revision's content is, without who typed it when: the hash of that is the revision's seal. */
export function revisionContent(entries: MinutesEntry[]) {
  return entries.map((e) => ({
    id: e.id,
    kind: e.kind,
    agendaItemId: e.agendaItemId,
    text: e.text,
    speech: e.speech,
    leadOrganizationId: e.leadOrganizationId,
    coOrganizationIds: e.coOrganizationIds,
    deadline: e.deadline,
  }));
}

export function contentHash(entries: MinutesEntry[]): string {
  return createHash('sha256').update(JSON.stringify(revisionContent(entries))).digest('hex');
}

/** Entry by entry, in the order of the newer revision (removed entries where they stood). */
export function diffRevisions(before: MinutesEntry[], after: MinutesEntry[]): MinutesDiffEntry[] {
  const old = new Map(before.map((e) => [e.id, e]));
  const seen = new Set<string>();
  const out: MinutesDiffEntry[] = [];
  const removedBefore = (index: number) => {
    for (const e of before.slice(0, index)) {
      if (!seen.has(e.id) && !after.some((a) => a.id === e.id)) {
        seen.add(e.id);
        out.push({ entryId: e.id, change: 'removed', before: e, after: null, text: [{ value: e.text, removed: true }] });
      }
    }
  };
  for (const a of after) {
    const b = old.get(a.id);
    if (b) removedBefore(before.indexOf(b));
    seen.add(a.id);
    if (!b) {
      out.push({ entryId: a.id, change: 'added', before: null, after: a, text: [{ value: a.text, added: true }] });
      continue;
    }
    const same = JSON.stringify(revisionContent([a])) === JSON.stringify(revisionContent([b]));
    out.push({
      entryId: a.id,
      change: same ? 'unchanged' : 'changed',
      before: b,
      after: a,
      text: same ? [{ value: a.text }] : diffWords(b.text, a.text).map((p) => ({ value: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) })),
    });
  }
  removedBefore(before.length);
  return out;
}
