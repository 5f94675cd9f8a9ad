import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { Loading } from './components/Loading';
import { NAV } from './components/nav';
import { RequireAuth } from './components/RequireAuth';

/**
 * Every page is its own chunk, loaded when first opened: a public page (the QR code's /verify target, the
 * register, self-registration, the resident's view) downloads neither the signed-in shell nor the charts.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const LoginPage = page(() => import('./routes/LoginPage'), 'LoginPage');
const VerifyPage = page(() => import('./routes/VerifyPage'), 'VerifyPage');
const PublicRegisterPage = page(() => import('./routes/PublicRegisterPage'), 'PublicRegisterPage');
const SignupPage = page(() => import('./routes/SignupPage'), 'SignupPage');
const ResidentPage = page(() => import('./routes/ResidentPage'), 'ResidentPage');

const loadLayout = () => import('./components/AppLayout');
const loadHome = () => import('./routes/HomePage');
const AppLayout = page(loadLayout, 'AppLayout');
const HomePage = page(loadHome, 'HomePage');
const InstitutionsPage = page(() => import('./routes/InstitutionsPage'), 'InstitutionsPage');
const InstitutionPage = page(() => import('./routes/InstitutionPage'), 'InstitutionPage');
const UsersPage = page(() => import('./routes/UsersPage'), 'UsersPage');
const OfficesPage = page(() => import('./routes/OfficesPage'), 'OfficesPage');
const OfficePage = page(() => import('./routes/OfficePage'), 'OfficePage');
const InboxPage = page(() => import('./routes/InboxPage'), 'InboxPage');
const ApplicationsPage = page(() => import('./routes/ApplicationsPage'), 'ApplicationsPage');
const NewApplicationPage = page(() => import('./routes/ApplicationPage'), 'NewApplicationPage');
const ApplicationPage = page(() => import('./routes/ApplicationPage'), 'ApplicationPage');
const AgreementsPage = page(() => import('./routes/AgreementsPage'), 'AgreementsPage');
const AgreementPage = page(() => import('./routes/AgreementPage'), 'AgreementPage');
const CasePage = page(() => import('./routes/CasePage'), 'CasePage');
const SopListPage = page(() => import('./routes/SopListPage'), 'SopListPage');
const SopVersionPage = page(() => import('./routes/SopVersionPage'), 'SopVersionPage');
const AccountPage = page(() => import('./routes/AccountPage'), 'AccountPage');
const DataAccessPage = page(() => import('./routes/DataAccessPage'), 'DataAccessPage');
const IntegrationPage = page(() => import('./routes/IntegrationPage'), 'IntegrationPage');
const OversightPage = page(() => import('./routes/OversightPage'), 'OversightPage');
const UsagePage = page(() => import('./routes/UsagePage'), 'UsagePage');
const ReportsPage = page(() => import('./routes/ReportsPage'), 'ReportsPage');
const DataBalikanPage = page(() => import('./routes/DataBalikanPage'), 'DataBalikanPage');
const BillingPage = page(() => import('./routes/BillingPage'), 'BillingPage');
const CampaignsPage = page(() => import('./routes/CampaignsPage'), 'CampaignsPage');
const AnomaliesPage = page(() => import('./routes/AnomaliesPage'), 'AnomaliesPage');
const OperationsPage = page(() => import('./routes/OperationsPage'), 'OperationsPage');
const ComingSoon = lazy(() => import('./components/ComingSoon').then((m) => ({ default: m.ComingSoon })));
const NotFoundPage = page(() => import('./routes/NotFoundPage'), 'NotFoundPage');

/** A page while its chunk loads: the spinner in its place (inside the shell, the menu stays). */
function L({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** The page tree: the public pages outside the shell, everything else inside it. */
export function App() {
  const { pathname } = useLocation();
  // While the login form is open, fetch the signed-in shell and home page: after signing in they draw at once.
  useEffect(() => {
    if (pathname !== '/login') return;
    const timer = setTimeout(() => void Promise.all([loadLayout(), loadHome()]).catch(() => undefined), 0);
    return () => clearTimeout(timer);
  }, [pathname]);
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <L>
            <LoginPage />
          </L>
        }
      />
      {/* Public pages: the QR code's target, the register of agreements in force, self-registration. */}
      <Route
        path="/verify/:id"
        element={
          <L>
            <VerifyPage />
          </L>
        }
      />
      <Route
        path="/register"
        element={
          <L>
            <PublicRegisterPage />
          </L>
        }
      />
      <Route
        path="/daftar"
        element={
          <L>
            <SignupPage />
          </L>
        }
      />
      {/* The resident's view of who read their data (issue 13): public, the resident identifies themselves. */}
      <Route
        path="/warga/*"
        element={
          <L>
            <ResidentPage />
          </L>
        }
      />
      <Route
        element={
          <RequireAuth>
            <L>
              <AppLayout />
            </L>
          </RequireAuth>
        }
      >
        <Route
          index
          element={
            <L>
              <HomePage />
            </L>
          }
        />
        <Route
          path="institutions"
          element={
            <L>
              <InstitutionsPage />
            </L>
          }
        />
        <Route
          path="institutions/:id"
          element={
            <L>
              <InstitutionPage />
            </L>
          }
        />
        <Route
          path="users"
          element={
            <L>
              <UsersPage />
            </L>
          }
        />
        <Route
          path="offices"
          element={
            <L>
              <OfficesPage />
            </L>
          }
        />
        <Route
          path="offices/:id"
          element={
            <L>
              <OfficePage />
            </L>
          }
        />
        <Route
          path="inbox"
          element={
            <L>
              <InboxPage />
            </L>
          }
        />
        <Route
          path="applications"
          element={
            <L>
              <ApplicationsPage />
            </L>
          }
        />
        <Route
          path="applications/new"
          element={
            <L>
              <NewApplicationPage />
            </L>
          }
        />
        <Route
          path="applications/:id"
          element={
            <L>
              <ApplicationPage />
            </L>
          }
        />
        <Route
          path="agreements"
          element={
            <L>
              <AgreementsPage />
            </L>
          }
        />
        <Route
          path="agreements/:id"
          element={
            <L>
              <AgreementPage />
            </L>
          }
        />
        <Route
          path="cases/:id"
          element={
            <L>
              <CasePage />
            </L>
          }
        />
        <Route
          path="sop"
          element={
            <L>
              <SopListPage />
            </L>
          }
        />
        <Route
          path="sop/versions/:id"
          element={
            <L>
              <SopVersionPage />
            </L>
          }
        />
        <Route
          path="akun"
          element={
            <L>
              <AccountPage />
            </L>
          }
        />
        <Route
          path="data-access"
          element={
            <L>
              <DataAccessPage />
            </L>
          }
        />
        <Route
          path="cara-integrasi"
          element={
            <L>
              <IntegrationPage />
            </L>
          }
        />
        <Route
          path="oversight"
          element={
            <L>
              <OversightPage />
            </L>
          }
        />
        <Route
          path="usage/*"
          element={
            <L>
              <UsagePage />
            </L>
          }
        />
        <Route
          path="reports/*"
          element={
            <L>
              <ReportsPage />
            </L>
          }
        />
        <Route
          path="data-balikan/*"
          element={
            <L>
              <DataBalikanPage />
            </L>
          }
        />
        <Route
          path="billing/*"
          element={
            <L>
              <BillingPage />
            </L>
          }
        />
        <Route
          path="campaigns/*"
          element={
            <L>
              <CampaignsPage />
            </L>
          }
        />
        <Route
          path="anomalies/*"
          element={
            <L>
              <AnomaliesPage />
            </L>
          }
        />
        <Route
          path="operations/*"
          element={
            <L>
              <OperationsPage />
            </L>
          }
        />
        {NAV.filter((item) => !item.ready).map((item) => (
          <Route
            key={item.key}
            path={`${item.path.slice(1)}/*`}
            element={
              <L>
                <ComingSoon feature={item.key} />
              </L>
            }
          />
        ))}
        <Route
          path="*"
          element={
            <L>
              <NotFoundPage />
            </L>
          }
        />
      </Route>
    </Routes>
  );
}
