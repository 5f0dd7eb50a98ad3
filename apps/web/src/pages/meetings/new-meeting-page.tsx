import { useTranslation } from 'react-i18next';
import { MeetingForm } from '../../components/meetings/meeting-form';

export default function NewMeetingPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('meetings.create')}</h1>
      <MeetingForm meeting={null} />
    </section>
  );
}
