import { ReportView } from '../../components/reports/report-view';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/report */
export default function ReportPage() {
  usePageTitle('report');
  return <ReportView />;
}
