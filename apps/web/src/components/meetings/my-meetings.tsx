import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Meeting, MyMeetings } from '@app/contracts';
import { call } from '../../api/http';
import { fmt } from '../../i18n';
import { StatusBadge } from './status-badge';

/** The home page: my meetings, grouped by the role I have in each, linking to the page that role works in. */
export function MyMeetingsView() {
  const { t } = useTranslation();
  const [mine, setMine] = useState<MyMeetings | null>(null);
  useEffect(() => void call('meetings.mine').then(setMine), []);
  if (!mine) return <p>{t('common.loading')}</p>;
  const groups: [string, Meeting[], (m: Meeting) => string][] = [
    ['roles.chair', mine.chairing, (m) => `/meetings/${m.id}/floor`],
    ['roles.endpoint_operator', mine.operating, (m) => `/meetings/${m.id}/console`],
    ['roles.secretary', mine.secretary, (m) => `/meetings/${m.id}/minutes`],
    ['roles.organizer', mine.organizing, (m) => `/meetings/${m.id}`],
    ['roles.viewer', mine.attending, (m) => `/meetings/${m.id}/live`],
  ];
  return (
    <section>
      <h1>{t('nav.mine')}</h1>
      {groups
        .filter(([, list]) => list.length > 0)
        .map(([label, list, link]) => (
          <div key={label} className="card">
            <h2>{t(label)}</h2>
            <ul className="meeting-list">
              {list.map((m) => (
                <li key={m.id}>
                  <Link to={link(m)}>{m.title}</Link> <StatusBadge status={m.status} />
                  <span className="muted"> {fmt(m.scheduledStart)}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      {groups.every(([, list]) => list.length === 0) && <p className="muted">{t('meetings.noMeetings')}</p>}
    </section>
  );
}
