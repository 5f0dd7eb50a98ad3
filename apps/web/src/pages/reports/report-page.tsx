import { ReportView } from '../../components/reports/report-view';

/** /meetings/:id/report */
export default function ReportPage() {
  return <ReportView />;
}
