import type { Messages } from './vi';

export const en: Messages = {
  app: { name: 'Online Meeting Platform', tagline: 'Coordinating multi-site online meetings' },
  common: {
    save: 'Save', cancel: 'Cancel', delete: 'Delete', edit: 'Edit', add: 'Add', search: 'Search', loading: 'Loading…', close: 'Close',
    previous: 'Previous', next: 'Next', all: 'All', none: 'None', yes: 'Yes', no: 'No', confirm: 'Confirm',
    saved: 'Saved', error: 'Error', download: 'Download', back: 'Back', details: 'Details', actions: 'Actions',
  },
  login: {
    title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in',
    wrong: 'Wrong username or password', tooMany: 'Too many failed sign-ins. Try again in {{seconds}} seconds.',
  },
  shell: {
    logout: 'Sign out', changePassword: 'Change password', connected: 'Connected', disconnected: 'Disconnected', serverTime: 'Server time',
    language: 'Language',
  },
  nav: { meetings: 'Meetings', calendar: 'Calendar', organizations: 'Organizations', accounts: 'Accounts', tasks: 'Assigned tasks', mine: 'My meetings' },
  roles: { admin: 'Administrator', organizer: 'Organizer', chair: 'Chair', secretary: 'Secretary', endpoint_operator: 'Endpoint operator', viewer: 'Viewer' },
  orgKinds: {
    government_office: 'Government Office', ministry: 'Ministry', government_agency: 'Ministerial-level agency', steering_committee: 'Steering committee',
    province: 'Province / city', department: 'Department', other: 'Other',
  },
  orgs: {
    title: 'Organizations', name: 'Name', shortName: 'Short name', code: 'Code', kind: 'Kind', children: 'Bodies below', parent: 'Parent',
    create: 'Add organization', searchPlaceholder: 'Search by name, e.g. “lang son”', total: '{{count}} organizations', deleteConfirm: 'Delete {{name}}?',
  },
  accounts: {
    title: 'Accounts', username: 'Username', fullName: 'Full name', position: 'Position', organization: 'Organization', roles: 'Roles',
    create: 'Add account', disabled: 'Disabled', active: 'Active', disable: 'Disable', enable: 'Enable', password: 'Password',
  },
  password: { current: 'Current password', new: 'New password (at least 10 characters)', changed: 'Password changed' },
  meetingKinds: { plenary: 'Plenary session', conference: 'Conference', seminar: 'Seminar', working: 'Working meeting' },
  statuses: { draft: 'Draft', scheduled: 'Scheduled', live: 'Live', ended: 'Ended', minutes_published: 'Minutes published', cancelled: 'Cancelled' },
  meetings: {
    title: 'Meetings', create: 'New meeting', kind: 'Kind', name: 'Title', description: 'Description', host: 'Host organization',
    chair: 'Chair', secretaries: 'Secretaries', start: 'Start', end: 'End', visibility: 'Visibility', public: 'Public', restricted: 'Restricted',
    status: 'Status', endpoints: 'Endpoints', agenda: 'Agenda', list: 'List', calendar: 'Calendar', from: 'From', to: 'To',
    noMeetings: 'No meetings yet', conflicts: 'Scheduling conflicts', overrideConflicts: 'Save despite the conflicts', downloadIcs: 'Download calendar (.ics)',
    schedule: 'Schedule', start_: 'Start meeting', end_: 'End meeting', cancelMeeting: 'Cancel meeting', postpone: 'Postpone', reason: 'Reason',
    wall: 'Endpoint wall', console: 'Endpoint console', roster: 'Roster',
  },
  agenda: {
    title: 'Agenda', addSession: 'Add session', addItem: 'Add item', session: 'Session', item: 'Item', minutes: 'min',
    presenter: 'Presenter', save: 'Save agenda', stale: 'Someone else just changed the agenda. The latest version was loaded.',
    dragHint: 'Drag to reorder', fixedStart: 'Fixed start time',
  },
  endpoints: {
    title: 'Endpoints', addAllProvinces: 'Invite all 34 provinces and cities', addOne: 'Invite endpoint', host: 'Host endpoint', joinCode: 'Join code',
    location: 'Location', operators: 'Operators', invited: '{{count}} endpoints invited', remove: 'Remove', setHost: 'Make host endpoint',
  },
  presence: {
    not_joined: 'Not joined', connected: 'Connected', reconnecting: 'Reconnecting', offline: 'Offline',
    summary: '{{connected}}/{{total}} endpoints connected', missing: 'Not connected', attendees: 'Attendees', ready: 'Ready', join: 'Join',
    techCheck: 'Technical check', openCheck: 'Open technical check', closeCheck: 'Close technical check', confirmReady: 'Confirm ready',
    rollCall: 'Roll call', startRollCall: 'Start roll call', closeRollCall: 'Close roll call', presentCount: 'People present', respond: 'Report',
    log: 'Connection log',
  },
  attendees: {
    fullName: 'Full name', position: 'Position', unit: 'Unit', role: 'Role', status: 'Status', checkIn: 'Check in', checkOut: 'Check out',
    excuse: 'Excused', add: 'Add attendee', walkIn: 'Walk-in', paste: 'Paste roster (CSV)', import: 'Import roster',
    pasteHint: 'First line is the header: Full name, Position, Unit, Role', exportCsv: 'Export CSV', exportXlsx: 'Export Excel',
    roles: { delegate: 'Delegate', guest: 'Guest', observer: 'Observer', technical: 'Technical' },
    statuses: { expected: 'Expected', present: 'Present', late: 'Late', left: 'Left', excused: 'Excused', absent: 'Absent' },
    upload: 'Upload CSV or Excel file', viewOnly: 'You are viewing this endpoint\'s roster; only its operators check people in.', imported: '{{count}} attendees imported', line: 'Line {{line}}',
  },
  floor: {
    agendaItem: 'Agenda item', 
    turns: 'Turns', spoken: 'Spoken', remaining: 'Left', 
    title: 'Floor control', nobody: 'Nobody has the floor', since: 'Since {{time}}', next: 'Next speakers',
    liveView: 'Live view', giveNext: 'Give floor to next', give: 'Give floor', end: 'End speech', skip: 'Skip', recall: 'Recall',
    listOpen: 'List open', unheardFirst: 'Endpoints not yet heard first', queue: 'List of speakers', pending: 'To decide', skipped: 'Skipped',
    approve: 'Approve', reject: 'Reject', statistics: 'Statistics', waiting: 'Average wait {{average}}, longest {{longest}}',
    request: 'Request to speak', topic: 'Topic', ask: 'Request', withdraw: 'Withdraw', floor: 'Floor',
    kinds: { prepared: 'Prepared contribution', contribution: 'Contribution', for: 'For', against: 'Against', intervention: 'Intervention', interposed_question: 'Interposed question', point_of_order: 'Point of order' },
    statuses: { pending: 'Awaiting approval', queued: 'In the list', speaking: 'Speaking', done: 'Spoke', rejected: 'Rejected', withdrawn: 'Withdrawn', skipped: 'Skipped' },
  },
  minutes: {
    title: 'Minutes', empty: 'The minutes are empty', revision: 'Published revision {{n}}', revisions: 'Published revisions', lastSpeech: 'Record the last speech',
    newTask: 'Assign a task', taskText: 'Task', lead: 'Lead', co: 'Co-operating', deadline: 'Deadline',
    conflict: 'Another secretary just changed this entry; the current text was loaded. What you had typed:',
    kinds: { heading: 'Section heading', note: 'Note', speech: 'Speech', conclusion: 'Conclusion', task: 'Task' },
    statuses: { draft: 'Draft', in_review: 'In review', approved: 'Approved', published: 'Published' },
    actions: { submit: 'Submit for review', approve: 'Approve', reopen: 'Back to draft', publish: 'Publish' },
    changes: { added: 'Added', removed: 'Removed', changed: 'Changed', unchanged: '' },
  },
  tasks: { statuses: { open: 'Open', in_progress: 'In progress', done: 'Done', withdrawn: 'Withdrawn' } },
  placeholder: { soon: 'This part is being built.' },
};
