import { availableTaskActions, isTaskOverdue, nextTaskState, taskCapabilities, type TaskCommand, type TaskState } from './tasks';

const today = '2026-12-03';
const fresh: TaskState = { status: 'assigned', deadline: '2026-12-20', extensionRequested: null, deadlineVersion: 0 };
const run = (s: TaskState, ...cmds: TaskCommand[]) =>
  cmds.reduce<TaskState>((st, c) => {
    const r = nextTaskState(st, c, today);
    if (!r.ok) throw new Error(`${c.action}: ${r.refusal.code}`);
    return r.state;
  }, s);

describe('task lifecycle', () => {
  it('goes assigned -> in progress -> reported done -> accepted', () => {
    const progressed = run(fresh, { action: 'report_progress', text: 'Đã xây dựng đề cương' });
    expect(progressed.status).toBe('in_progress');
    const reported = run(progressed, { action: 'report_done' });
    expect(reported.status).toBe('reported_done');
    expect(run(reported, { action: 'accept' }).status).toBe('accepted');
  });

  it('returns a reported completion to in progress, and refuses to accept what was not reported', () => {
    expect(run(fresh, { action: 'report_done' }, { action: 'return' }).status).toBe('in_progress');
    expect(nextTaskState(fresh, { action: 'accept' }, today)).toEqual({ ok: false, refusal: { code: 'task_illegal_action', status: 'assigned', action: 'accept' } });
  });

  it('grants an extension: the deadline moves, its version goes up, the status says extended', () => {
    const asked = run(fresh, { action: 'request_extension', deadline: '2027-01-15', text: 'Chờ ý kiến các địa phương' });
    expect(asked).toMatchObject({ status: 'assigned', deadline: '2026-12-20', extensionRequested: '2027-01-15' });
    expect(nextTaskState(asked, { action: 'request_extension', deadline: '2027-02-01', text: 'lần hai' }, today)).toMatchObject({ ok: false, refusal: { code: 'task_extension_pending' } });
    expect(run(asked, { action: 'grant_extension' })).toEqual({ status: 'extended', deadline: '2027-01-15', extensionRequested: null, deadlineVersion: 1 });
  });

  it('refuses an extension: the deadline and its version stay', () => {
    const asked = run(fresh, { action: 'request_extension', deadline: '2027-01-15', text: 'Chờ ý kiến' });
    expect(run(asked, { action: 'refuse_extension' })).toEqual(fresh);
    expect(nextTaskState(fresh, { action: 'grant_extension' }, today)).toEqual({ ok: false, refusal: { code: 'task_no_extension_pending' } });
  });

  it('refuses an extension into the past, to today, or not later than the current deadline', () => {
    for (const deadline of ['2026-12-01', today, '2026-12-20', '2026-12-19']) {
      expect(nextTaskState(fresh, { action: 'request_extension', deadline, text: 'x' }, today)).toEqual({ ok: false, refusal: { code: 'deadline_in_the_past', deadline } });
    }
    // a task without a deadline may ask for any day ahead
    expect(nextTaskState({ ...fresh, deadline: null }, { action: 'request_extension', deadline: '2026-12-04', text: 'x' }, today).ok).toBe(true);
  });

  it('withdraws a task being worked on, never an accepted one, and nothing moves a withdrawn one', () => {
    expect(run(fresh, { action: 'withdraw' }).status).toBe('withdrawn');
    const accepted = run(fresh, { action: 'report_done' }, { action: 'accept' });
    expect(nextTaskState(accepted, { action: 'withdraw' }, today).ok).toBe(false);
    const withdrawn = run(fresh, { action: 'withdraw' });
    for (const action of ['report_progress', 'report_done', 'contribute', 'accept'] as const) expect(nextTaskState(withdrawn, { action }, today).ok).toBe(false);
  });

  it('takes contributions without changing the status, until the task is accepted', () => {
    expect(run(fresh, { action: 'contribute', text: 'Bộ Công an góp ý' })).toEqual(fresh);
    const accepted = run(fresh, { action: 'report_done' }, { action: 'accept' });
    expect(nextTaskState(accepted, { action: 'contribute', text: 'muộn' }, today).ok).toBe(false);
  });

  it('is overdue after its deadline day while worked on, not on the day itself, nor once reported done', () => {
    expect(isTaskOverdue({ status: 'in_progress', deadline: '2026-12-02' }, today)).toBe(true);
    expect(isTaskOverdue({ status: 'in_progress', deadline: today }, today)).toBe(false);
    expect(isTaskOverdue({ status: 'reported_done', deadline: '2026-12-02' }, today)).toBe(false);
    expect(isTaskOverdue({ status: 'extended', deadline: '2026-11-30' }, today)).toBe(true);
    expect(isTaskOverdue({ status: 'assigned', deadline: null }, today)).toBe(false);
  });
});

describe('task capabilities', () => {
  it('lets the lead report, the co-operating contribute, the assigning side decide, and nobody else anything', () => {
    expect(taskCapabilities({ lead: true, coOperating: false, assigning: false })).toEqual(['task.view', 'task.report']);
    expect(taskCapabilities({ lead: false, coOperating: true, assigning: false })).toEqual(['task.view', 'task.contribute']);
    expect(taskCapabilities({ lead: false, coOperating: false, assigning: true })).toEqual(['task.view', 'task.decide']);
    expect(taskCapabilities({ lead: false, coOperating: false, assigning: false })).toEqual([]);
  });

  it('offers the actions the caller holds and the state allows', () => {
    const lead = taskCapabilities({ lead: true, coOperating: false, assigning: false });
    const assigning = taskCapabilities({ lead: false, coOperating: false, assigning: true });
    expect(availableTaskActions(lead, fresh)).toEqual(['report_progress', 'report_done', 'request_extension']);
    expect(availableTaskActions(assigning, fresh)).toEqual(['withdraw']);
    const asked = { ...fresh, extensionRequested: '2027-01-15' };
    expect(availableTaskActions(lead, asked)).toEqual(['report_progress', 'report_done']);
    expect(availableTaskActions(assigning, asked)).toEqual(['grant_extension', 'refuse_extension', 'withdraw']);
    expect(availableTaskActions(assigning, { ...fresh, status: 'reported_done' })).toEqual(['accept', 'return', 'withdraw']);
  });
});
