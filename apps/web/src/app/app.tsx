import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AuthProvider, hasRole, useAuth } from '../auth/auth';
import { AccountsPage } from '../pages/accounts-page';
import { ConsolePage, ConsoleRedirect } from '../pages/console-page';
import { MeetingPage, NewMeetingPage } from '../pages/meeting-page';
import { HomePage, MeetingsPage } from '../pages/meetings-page';
import { OrganizationsPage } from '../pages/organizations-page';
import { WallPage } from '../pages/wall-page';
import { FloorChairPage, LiveViewPage } from '../pages/floor';
import { MinutesPage, RevisionPage } from '../pages/minutes-page';
import { ReportPage } from '../pages/report-page';
import { TasksPage } from '../pages/tasks-page';
import { LoginPage } from './login-page';
import { MeetingLayout } from './meeting-layout';
import { Shell } from './shell';

function Routed() {
  const { account, ready } = useAuth();
  const { t } = useTranslation();
  if (!ready) return <p className="centered">{t('common.loading')}</p>;
  if (!account) return <LoginPage />;
  return (
    <Shell>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/meetings" element={<MeetingsPage />} />
        <Route path="/meetings/new" element={<NewMeetingPage />} />
        <Route path="/meetings/:id" element={<MeetingLayout />}>
          <Route index element={<MeetingPage />} />
          <Route path="wall" element={<WallPage />} />
          <Route path="floor" element={<FloorChairPage />} />
          <Route path="live" element={<LiveViewPage />} />
          <Route path="minutes" element={<MinutesPage />} />
          <Route path="minutes/revisions/:number" element={<RevisionPage />} />
          <Route path="report" element={<ReportPage />} />
          <Route path="console" element={<ConsoleRedirect />} />
          <Route path="console/:endpointId" element={<ConsolePage />} />
        </Route>
        <Route path="/tasks" element={<TasksPage />} />
        <Route path="/organizations" element={<OrganizationsPage />} />
        {hasRole(account, 'admin') && <Route path="/accounts" element={<AccountsPage />} />}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}

export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Routed />
      </BrowserRouter>
    </AuthProvider>
  );
}
