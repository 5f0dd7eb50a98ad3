import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { formatLocal, PLATFORM_TIME_ZONE } from '@app/contracts';
import { en } from './en';
import { vi } from './vi';

export type Lang = 'vi' | 'en';
const stored = (typeof localStorage !== 'undefined' && localStorage.getItem('lang')) as Lang | null;

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: stored === 'en' ? 'en' : 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});

export function setLanguage(lang: Lang) {
  localStorage.setItem('lang', lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export const currentLang = (): Lang => (i18n.language === 'en' ? 'en' : 'vi');

/**
 * Date and time in Asia/Ho_Chi_Minh, whatever the browser's own zone. Without options it is dd/mm/yyyy HH:mm
 * (vi-VN's own short style would write "14:00 2/12/26": a two-digit year and the time first).
 */
export const fmt = (iso: string | null | undefined, options?: Intl.DateTimeFormatOptions) => (!iso ? '' : options ? formatLocal(iso, currentLang(), options) : fmtDateTime(iso));
/** dd/mm/yyyy of an instant in Asia/Ho_Chi_Minh, or of a calendar day as YYYY-MM-DD (a deadline). */
export const fmtDate = (iso: string | null | undefined) => (!iso ? '' : /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : fmtDateTime(iso).slice(0, 10));
export const fmtTime = (iso: string | null | undefined) => fmt(iso, { hour: '2-digit', minute: '2-digit' });

/** dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh, in either language (how ministries write a time). */
export const fmtDateTime = (iso: string | null | undefined) => {
  if (!iso) return '';
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: PLATFORM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
};

export default i18n;
