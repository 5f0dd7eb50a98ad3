import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ChildSite, ChildSites, MeetingEvent, PersonRef } from '@app/contracts';
import { foldForSearch } from '@app/vietnamese';
import { call } from '../../api/http';
import { connectSocket } from '../../api/socket';
import { ConfirmDialog, ErrorBanner, Modal } from '../ui';
import { Name } from '../name';
import { PersonPicker } from '../person-picker';
import { fmtTime } from '../../i18n';
import { fmtCount } from '../../state/use-sites-rollup';
import { HeadcountForm } from './headcount-form';
import '../../styles/sites.css';

/** Re-read the province's communes at most this often while its roll-up moves (one read per roll-up event, not per commune's event). */
const RELOAD_MS = 1_000;

function useChildSites(meetingId: string | undefined, endpointId: string | undefined) {
  const [data, setData] = useState<ChildSites | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    if (!meetingId || !endpointId) return;
    try {
      setData(await call('sites.children', { params: { id: meetingId, endpointId } }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [meetingId, endpointId]);
  useEffect(() => {
    if (!meetingId || !endpointId) return;
    void load();
    const socket = connectSocket();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onEvent = (e: MeetingEvent) => {
      if (e.meetingId !== meetingId || e.type !== 'sites.rollup' || !e.payload.tiles.some((x) => x.endpointId === endpointId) || timer) return;
      timer = setTimeout(() => {
        timer = null;
        void load();
      }, RELOAD_MS);
    };
    socket.on('meeting:event', onEvent);
    socket.on('connect', load);
    return () => {
      socket.off('meeting:event', onEvent);
      socket.off('connect', load);
      if (timer) clearTimeout(timer);
    };
  }, [meetingId, endpointId, load]);
  return { data, error, reload: load };
}

function HeadcountCell({ site }: { site: ChildSite }) {
  const { t } = useTranslation();
  if (site.attendanceMode === 'roster') return <span>{t('sites.roster', { n: fmtCount(site.present) })}</span>;
  if (!site.headcount) return <span className="muted">{t('sites.notReported')}</span>;
  const h = site.headcount;
  return (
    <span>
      <strong>{fmtCount(h.total)}</strong>
      {site.capacity !== null && <span className="muted">/{fmtCount(site.capacity)}</span>}{' '}
      <span className="small muted">
        ({fmtCount(h.leaders)} · {fmtCount(h.officials)} · {fmtCount(h.members)}, {h.source === 'phone' ? t('sites.byPhone') : t('sites.fromConsole')}, {t('sites.reportedAt', { time: fmtTime(h.reportedAt) })})
      </span>
    </span>
  );
}

/**
 * A province's communes (the wall's drill-down, and the province operator's console for them): each
 * commune's connection, technical check and headcount; the province enters the figures of a commune that
 * reports by phone and assigns its operators. What a caller may do comes from the server: the join code
 * is sent only to those who assign operators, and the server refuses the rest (403).
 */
export const ProvinceConsole = memo(function ProvinceConsole() {
  const { id, endpointId } = useParams();
  const { t } = useTranslation();
  const { data, error, reload } = useChildSites(id, endpointId);
  const [filter, setFilter] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [phone, setPhone] = useState<ChildSite | null>(null);
  const [assigning, setAssigning] = useState<ChildSite | null>(null);
  const [person, setPerson] = useState<PersonRef | null>(null);
  const [confirming, setConfirming] = useState(false);
  const sites = useMemo(() => {
    const q = foldForSearch(filter);
    return (data?.sites ?? []).filter((s) => (!q || foldForSearch(s.name).includes(q)) && (!onlyMissing || s.state !== 'connected'));
  }, [data, filter, onlyMissing]);
  if (error && !data) return <ErrorBanner error={error} />;
  if (!data || !id) return <p>{t('common.loading')}</p>;
  const p = data.parent;
  const manages = data.sites.some((s) => s.joinCode !== '');
  return (
    <section className="province-console">
      <div className="page-head">
        <h1>
          <Name text={p.name} />
        </h1>
        <Link to={`/meetings/${id}/sites`}>{t('sites.back')}</Link>
      </div>
      <p className="big-count" data-testid="province-summary">
        {t('sites.tileLine', { name: p.name, connected: fmtCount(p.childrenConnected), total: fmtCount(p.children), people: fmtCount(p.totals.present) })}
      </p>
      <div className="row">
        <input type="search" className="commune-filter" placeholder={t('sites.filter')} aria-label={t('sites.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="commune-filter" />
        <label className="inline-check">
          <input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} data-testid="only-missing" /> {t('sites.onlyMissing')}
        </label>
      </div>
      <ErrorBanner error={error} />
      <div className="table-scroll">
        <table className="commune-table" data-testid="commune-table">
          <thead>
            <tr>
              <th>{t('sites.communes')}</th>
              <th>{t('sites.state')}</th>
              <th>{t('sites.ready')}</th>
              <th>{t('sites.headcount')}</th>
              <th>{t('sites.operators')}</th>
              {manages && <th>{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.endpointId} data-testid="commune-row" data-name={s.name}>
                <td data-label={t('sites.communes')}>
                  <strong>
                    <Name text={s.name} />
                  </strong>
                  {s.joinCode && <div className="small muted">{t('sites.joinCode')}: <code>{s.joinCode}</code></div>}
                </td>
                <td data-label={t('sites.state')}>
                  <span className={`badge state-${s.state}`}>{t(`presence.${s.state}`)}</span>
                </td>
                <td data-label={t('sites.ready')}>{s.readyAt ? `✓ ${t('sites.readyYes')}` : <span className="muted">{t('sites.readyNo')}</span>}</td>
                <td data-label={t('sites.headcount')}>
                  <HeadcountCell site={s} />
                </td>
                <td data-label={t('sites.operators')}>{s.operators.length ? s.operators.map((o) => o.fullName).join(', ') : <span className="muted">{t('sites.noOperators')}</span>}</td>
                {manages && (
                  <td data-label={t('common.actions')}>
                    {s.joinCode && (
                      <div className="row">
                        {s.attendanceMode === 'headcount' && (
                          <button onClick={() => setPhone(s)} data-testid="phone-entry">
                            {t('sites.enterByPhone')}
                          </button>
                        )}
                        <button
                          onClick={() => {
                            setAssigning(s);
                            setPerson(null);
                          }}
                        >
                          {t('sites.assign')}
                        </button>
                      </div>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {phone && (
        <Modal title={t('sites.phoneTitle', { name: phone.name })} onClose={() => setPhone(null)} testId="phone-dialog">
          <HeadcountForm
            meetingId={id}
            endpointId={phone.endpointId}
            current={phone.headcount}
            capacity={phone.capacity}
            source="phone"
            onSaved={() => {
              void reload();
            }}
          />
        </Modal>
      )}
      {assigning && !confirming && (
        <Modal title={t('sites.assignTitle', { name: assigning.name })} onClose={() => setAssigning(null)} testId="assign-dialog">
          <PersonPicker value={person} onChange={setPerson} role="endpoint_operator" />
          <div className="row">
            <button className="primary" disabled={!person} onClick={() => setConfirming(true)}>
              {t('sites.assign')}
            </button>
          </div>
        </Modal>
      )}
      {assigning && confirming && person && (
        <ConfirmDialog
          title={t('sites.assignTitle', { name: assigning.name })}
          message={t('sites.assignConfirm', { name: assigning.name, person: person.fullName })}
          confirmLabel={t('sites.assign')}
          onConfirm={async () => {
            await call('sites.operators', { params: { id, endpointId: assigning.endpointId }, body: { operatorIds: [person.id] } });
            setAssigning(null);
            await reload();
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
});
