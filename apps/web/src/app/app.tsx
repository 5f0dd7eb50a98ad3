import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AuthProvider, hasRole, useAuth } from '../auth/auth';
import { Loading } from '../components/ui';
import { ForcedPasswordChange } from './change-password';
import { LoginPage } from './login-page';
import { MeetingLayout } from './meeting-layout';
import { Shell } from './shell';

/*
 * Every page is its own chunk, loaded when its route is first opened: the
 * sign-in page and the meeting list do not download the consoles, the media
 * code (mediasoup-client is a further chunk, loaded only where the server has
 * media) or the report.
 */
const HomePage = lazy(() => import('../pages/meetings/home-page'));
const MeetingsPage = lazy(() => import('../pages/meetings/meetings-page'));
const NewMeetingPage = lazy(() => import('../pages/meetings/new-meeting-page'));
const MeetingPage = lazy(() => import('../pages/meetings/meeting-page'));
const WallPage = lazy(() => import('../pages/attendance/wall-page'));
const ConsoleRedirectPage = lazy(() => import('../pages/attendance/console-redirect-page'));
const ConsolePage = lazy(() => import('../pages/attendance/console-page'));
const FloorPage = lazy(() => import('../pages/speakers/floor-page'));
const LivePage = lazy(() => import('../pages/speakers/live-page'));
const MinutesPage = lazy(() => import('../pages/minutes/minutes-page'));
const RevisionPage = lazy(() => import('../pages/minutes/revision-page'));
const ReportPage = lazy(() => import('../pages/reports/report-page'));
const DocumentViewerPage = lazy(() => import('../pages/documents/viewer-page'));
const NoticePage = lazy(() => import('../pages/reports/notice-page'));
const TasksPage = lazy(() => import('../pages/tasks/tasks-page'));
const TaskPage = lazy(() => import('../pages/tasks/task-page'));
const NotificationPreferencesPage = lazy(() => import('../pages/notifications/notification-preferences-page'));
const OrganizationsPage = lazy(() => import('../pages/admin/organizations-page'));
const AccountsPage = lazy(() => import('../pages/admin/accounts-page'));
const VotingPage = lazy(() => import('../pages/voting/voting-page'));
const BallotPage = lazy(() => import('../pages/voting/ballot-page'));
const DisplayPage = lazy(() => import('../pages/display/display-page'));
const WatchPage = lazy(() => import('../pages/media/watch-page'));
const SitesPage = lazy(() => import('../pages/sites/sites-page'));
const ProvincePage = lazy(() => import('../pages/sites/province-page'));

function Routed() {
  const { account, ready } = useAuth();
  const { t } = useTranslation();
  if (!ready) return <p className="centered">{t('common.loading')}</p>;
  if (!account) return <LoginPage />;
  if (account.mustChangePassword) return <ForcedPasswordChange />;
  return (
    <Shell>
      <Suspense fallback={<Loading />}>
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
            <Route path="voting" element={<VotingPage />} />
            <Route path="console" element={<ConsoleRedirectPage />} />
            <Route path="console/:endpointId" element={<ConsolePage />} />
            <Route path="documents/:documentId" element={<DocumentViewerPage />} />
            <Route path="console/:endpointId/watch" element={<ConsolePage watchOnly />} />
            <Route path="watch" element={<WatchPage />} />
            <Route path="sites" element={<SitesPage />} />
            <Route path="sites/:endpointId" element={<ProvincePage />} />
          </Route>
          <Route path="/tasks" element={<TasksPage />} />
          <Route path="/tasks/:taskId" element={<TaskPage />} />
          <Route path="/notifications/preferences" element={<NotificationPreferencesPage />} />
          <Route path="/notices/:id" element={<NoticePage />} />
          <Route path="/organizations" element={<OrganizationsPage />} />
          {hasRole(account, 'admin') && <Route path="/accounts" element={<AccountsPage />} />}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}

export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Routes>
          {/* the delegate's phone: no account, the link is the credential */}
          <Route
            path="/phieu"
            element={
              <Suspense fallback={<Loading />}>
                <BallotPage />
              </Suspense>
            }
          />
          {/* the hall display: no account, paired by the code it shows */}
          <Route path="/man-hinh" element={<Suspense fallback={<Loading />}><DisplayPage /></Suspense>} />
          <Route path="*" element={<Routed />} />
        </Routes>
      </BrowserRouter>
    </AuthProvider>
  );
}
