import { useTranslation } from 'react-i18next';
import { MeetingForm } from '../../components/meetings/meeting-form';
import { usePageTitle } from '../../app/page-title';

export default function NewMeetingPage() {
  usePageTitle('newMeeting');
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('meetings.create')}</h1>
      <MeetingForm meeting={null} />
    </section>
  );
}
