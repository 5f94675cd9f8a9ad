import { Route, Routes } from 'react-router-dom';
import { ReportDetailView, ReportList } from '../components/reports/ReportViews';

/** Laporan semester (issue 12): the list and the ladder at /reports, one report at /reports/:agreementId/:semester. */
export function ReportsPage() {
  return (
    <Routes>
      <Route index element={<ReportList />} />
      <Route path=":agreementId/:semester" element={<ReportDetailView />} />
    </Routes>
  );
}
