import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOptionalMeetingState } from '../state/meeting-context';
import type { connectionVi } from '../i18n/parts/connection';

export type PageTitle = keyof (typeof connectionVi)['connection']['titles'];

/**
 * The tab's title for a page: "Điều hành phát biểu · <meeting title> · Hệ thống họp trực tuyến".
 * Under /meetings/:id the meeting's title comes from the live state (and the endpoint's name on
 * an endpoint console), so it follows a rename; `detail` adds a page's own subject.
 */
export function usePageTitle(page: PageTitle, detail?: string | null) {
  const { t, i18n } = useTranslation();
  const live = useOptionalMeetingState();
  const { endpointId } = useParams();
  const meeting = live?.state?.meeting.title;
  const endpoint = endpointId ? live?.state?.endpoints.find((e) => e.id === endpointId) : undefined;
  const endpointName = endpoint ? (endpoint.organizationShortName ?? endpoint.organizationName) : undefined;
  useEffect(() => {
    document.title = [t(`connection.titles.${page}`), endpointName, detail, meeting, t('app.name')].filter(Boolean).join(' · ');
  }, [t, i18n.language, page, endpointName, detail, meeting]);
}
