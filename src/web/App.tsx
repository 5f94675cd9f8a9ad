import { Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout';
import { ComingSoon } from './components/ComingSoon';
import { NAV } from './components/nav';
import { RequireAuth } from './components/RequireAuth';
import { HomePage } from './routes/HomePage';
import { InstitutionPage } from './routes/InstitutionPage';
import { InstitutionsPage } from './routes/InstitutionsPage';
import { LoginPage } from './routes/LoginPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { UsersPage } from './routes/UsersPage';

/** The page tree: the login page outside the shell, everything else inside it. */
export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
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
        {NAV.filter((item) => !item.ready).map((item) => (
          <Route key={item.key} path={`${item.path.slice(1)}/*`} element={<ComingSoon feature={item.key} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
