import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AuthProvider, hasRole, useAuth } from '../auth/auth';
import { LoginPage } from './login-page';
import { MeetingLayout } from './meeting-layout';
import { Shell } from './shell';
import HomePage from '../pages/meetings/home-page';
import MeetingsPage from '../pages/meetings/meetings-page';
import NewMeetingPage from '../pages/meetings/new-meeting-page';
import MeetingPage from '../pages/meetings/meeting-page';
import WallPage from '../pages/attendance/wall-page';
import ConsoleRedirectPage from '../pages/attendance/console-redirect-page';
import ConsolePage from '../pages/attendance/console-page';
import FloorPage from '../pages/speakers/floor-page';
import LivePage from '../pages/speakers/live-page';
import MinutesPage from '../pages/minutes/minutes-page';
import RevisionPage from '../pages/minutes/revision-page';
import ReportPage from '../pages/reports/report-page';
import TasksPage from '../pages/tasks/tasks-page';
import OrganizationsPage from '../pages/admin/organizations-page';
import AccountsPage from '../pages/admin/accounts-page';

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
          <Route path="floor" element={<FloorPage />} />
          <Route path="live" element={<LivePage />} />
          <Route path="minutes" element={<MinutesPage />} />
          <Route path="minutes/revisions/:number" element={<RevisionPage />} />
          <Route path="report" element={<ReportPage />} />
          <Route path="console" element={<ConsoleRedirectPage />} />
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
