import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout';
import { ComingSoon } from './components/ComingSoon';
import { NAV } from './components/nav';
import { RequireAuth } from './components/RequireAuth';
import { AccountPage } from './routes/AccountPage';
import { AgreementPage } from './routes/AgreementPage';
import { AgreementsPage } from './routes/AgreementsPage';
import { ApplicationPage, NewApplicationPage } from './routes/ApplicationPage';
import { ApplicationsPage } from './routes/ApplicationsPage';
import { DataAccessPage } from './routes/DataAccessPage';
import { PublicRegisterPage } from './routes/PublicRegisterPage';
import { SignupPage } from './routes/SignupPage';
import { VerifyPage } from './routes/VerifyPage';
import { CasePage } from './routes/CasePage';
import { HomePage } from './routes/HomePage';
import { InboxPage } from './routes/InboxPage';
import { InstitutionPage } from './routes/InstitutionPage';
import { InstitutionsPage } from './routes/InstitutionsPage';
import { LoginPage } from './routes/LoginPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { OfficePage } from './routes/OfficePage';
import { OfficesPage } from './routes/OfficesPage';
import { SopListPage } from './routes/SopListPage';
import { Loading } from './components/Loading';
import { UsersPage } from './routes/UsersPage';

// The SOP version page carries the sheet drawing and the charts: loaded when first opened.
const SopVersionPage = lazy(() => import('./routes/SopVersionPage').then((m) => ({ default: m.SopVersionPage })));
// The oversight page carries the audit charts: loaded when first opened.
// The issue-12 sections carry charts too: each loaded when first opened.
const UsagePage = lazy(() => import('./routes/UsagePage').then((m) => ({ default: m.UsagePage })));
const ReportsPage = lazy(() => import('./routes/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const DataBalikanPage = lazy(() => import('./routes/DataBalikanPage').then((m) => ({ default: m.DataBalikanPage })));
const BillingPage = lazy(() => import('./routes/BillingPage').then((m) => ({ default: m.BillingPage })));
// Issue 13's sections.
const CampaignsPage = lazy(() => import('./routes/CampaignsPage').then((m) => ({ default: m.CampaignsPage })));
const AnomaliesPage = lazy(() => import('./routes/AnomaliesPage').then((m) => ({ default: m.AnomaliesPage })));
const OperationsPage = lazy(() => import('./routes/OperationsPage').then((m) => ({ default: m.OperationsPage })));
const ResidentPage = lazy(() => import('./routes/ResidentPage').then((m) => ({ default: m.ResidentPage })));
// Issue 14: how an institution's admin connects its systems.
const IntegrationPage = lazy(() => import('./routes/IntegrationPage').then((m) => ({ default: m.IntegrationPage })));
const OversightPage = lazy(() => import('./routes/OversightPage').then((m) => ({ default: m.OversightPage })));

/** The page tree: the login page outside the shell, everything else inside it. */
export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* Public pages: the QR code's target, the register of agreements in force, self-registration. */}
      <Route path="/verify/:id" element={<VerifyPage />} />
      <Route path="/register" element={<PublicRegisterPage />} />
      <Route path="/daftar" element={<SignupPage />} />
      {/* The resident's view of who read their data (issue 13): public, the resident identifies themselves. */}
      <Route
        path="/warga/*"
        element={
          <Suspense fallback={<Loading />}>
            <ResidentPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="institutions" element={<InstitutionsPage />} />
        <Route path="institutions/:id" element={<InstitutionPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="offices" element={<OfficesPage />} />
        <Route path="offices/:id" element={<OfficePage />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="applications" element={<ApplicationsPage />} />
        <Route path="applications/new" element={<NewApplicationPage />} />
        <Route path="applications/:id" element={<ApplicationPage />} />
        <Route path="agreements" element={<AgreementsPage />} />
        <Route path="agreements/:id" element={<AgreementPage />} />
        <Route path="cases/:id" element={<CasePage />} />
        <Route path="sop" element={<SopListPage />} />
        <Route
          path="sop/versions/:id"
          element={
            <Suspense fallback={<Loading />}>
              <SopVersionPage />
            </Suspense>
          }
        />
        <Route path="akun" element={<AccountPage />} />
        <Route path="data-access" element={<DataAccessPage />} />
        <Route
          path="cara-integrasi"
          element={
            <Suspense fallback={<Loading />}>
              <IntegrationPage />
            </Suspense>
          }
        />
        <Route
          path="oversight"
          element={
            <Suspense fallback={<Loading />}>
              <OversightPage />
            </Suspense>
          }
        />
        <Route
          path="usage/*"
          element={
            <Suspense fallback={<Loading />}>
              <UsagePage />
            </Suspense>
          }
        />
        <Route
          path="reports/*"
          element={
            <Suspense fallback={<Loading />}>
              <ReportsPage />
            </Suspense>
          }
        />
        <Route
          path="data-balikan/*"
          element={
            <Suspense fallback={<Loading />}>
              <DataBalikanPage />
            </Suspense>
          }
        />
        <Route
          path="billing/*"
          element={
            <Suspense fallback={<Loading />}>
              <BillingPage />
            </Suspense>
          }
        />
        <Route
          path="campaigns/*"
          element={
            <Suspense fallback={<Loading />}>
              <CampaignsPage />
            </Suspense>
          }
        />
        <Route
          path="anomalies/*"
          element={
            <Suspense fallback={<Loading />}>
              <AnomaliesPage />
            </Suspense>
          }
        />
        <Route
          path="operations/*"
          element={
            <Suspense fallback={<Loading />}>
              <OperationsPage />
            </Suspense>
          }
        />
        {NAV.filter((item) => !item.ready).map((item) => (
          <Route key={item.key} path={`${item.path.slice(1)}/*`} element={<ComingSoon feature={item.key} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
