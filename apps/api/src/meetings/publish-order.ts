/**
 * Keeps one process's broadcasts of a meeting in seq order.
 *
 * A transaction takes the meeting's next seq under the meeting row lock, so
 * seqs commit in order; but the code after each commit resumes in whatever
 * order the database connections answer, and two transactions committing
 * back to back could publish n+1 before n. Here every seq this process takes
 * is noted when taken; once committed it is released only after every lower
 * seq this process took has been released or rolled back. No timer is
 * involved: a lower seq that is still noted belongs to a transaction of this
 * process that has committed or will end soon (the later one could not take
 * its seq before the earlier committed).
 *
 * Seqs taken by another api process are not known here; their order across
 * processes is the followers' job (they hold an early event briefly).
 */
export class PublishOrder<E extends { meetingId: string; seq: number }> {
  /**
   * Per meeting: seq -> the transaction that took it (any object standing for it) and,
   * once committed, its event.
   */
  private readonly pending = new Map<string, Map<number, { tx: object; event: E | null }>>();

  /** Transaction `tx` of this process took `seq` of `meetingId`. */
  take(tx: object, meetingId: string, seq: number) {
    let seqs = this.pending.get(meetingId);
    if (!seqs) this.pending.set(meetingId, (seqs = new Map()));
    seqs.set(seq, { tx, event: null });
  }

  /**
   * Transaction `tx` rolled back: its seqs were never used. The next writer takes the same
   * numbers again, possibly before this is called, so only `tx`'s own notes are removed.
   */
  drop(tx: object, events: readonly { meetingId: string; seq: number }[]): E[] {
    for (const e of events) {
      const seqs = this.pending.get(e.meetingId);
      if (seqs?.get(e.seq)?.tx === tx) seqs.delete(e.seq);
    }
    return this.flush(new Set(events.map((e) => e.meetingId)));
  }

  /** Transaction `tx` committed these events: returns, in order, every event that may be published now. */
  commit(tx: object, events: readonly E[]): E[] {
    for (const e of events) this.pending.get(e.meetingId)?.set(e.seq, { tx, event: e });
    return this.flush(new Set(events.map((e) => e.meetingId)));
  }

  /** Meetings with seqs not yet published (for tests and diagnostics). */
  get size() {
    return this.pending.size;
  }

  private flush(meetingIds: Set<string>): E[] {
    const out: E[] = [];
    for (const meetingId of meetingIds) {
      const seqs = this.pending.get(meetingId);
      if (!seqs) continue;
      for (const seq of [...seqs.keys()].sort((a, b) => a - b)) {
        const event = seqs.get(seq)!.event;
        if (!event) break;
        seqs.delete(seq);
        out.push(event);
      }
      if (seqs.size === 0) this.pending.delete(meetingId);
    }
    return out;
  }
}
