import { useTranslation } from 'react-i18next';
import { setLanguage, type Lang } from '../i18n';

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <label className="lang">
      <span className="sr-only">{t('shell.language')}</span>
      <select data-testid="language" value={i18n.language} onChange={(e) => setLanguage(e.target.value as Lang)}>
        <option value="vi">Tiếng Việt</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
