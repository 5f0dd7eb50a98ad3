import type { TFunction } from 'i18next';
import { fmt } from '../../i18n';

/** "3 phút 5 giây", "45 giây", "1 giờ 2 phút" */
export function fmtDuration(t: TFunction, seconds: number) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h ? t('report.units.h', { n: h }) : '', m ? t('report.units.m', { n: m }) : '', s || (!h && !m) ? t('report.units.s', { n: s }) : ''].filter(Boolean).join(' ');
}

/** YYYY-MM-DD -> dd/mm/yyyy */
export const fmtDate = (date: string | null) => (date ? date.split('-').reverse().join('/') : '');

export const fmtDateTime = (iso: string | null) => fmt(iso); // dd/mm/yyyy HH:mm (vi-VN alone would put the time first)

export const revisionLabel = (t: TFunction, revision: number) => (revision === 0 ? t('report.draftRevision') : t('minutes.revision', { n: revision }));
