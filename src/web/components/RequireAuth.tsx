import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { SessionContext, useMe } from '../api/hooks';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';
import { setDisplayTimeZone } from '../lib/format';

/** Renders its children for a fully signed-in user; otherwise sends them to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) {
    if (me.error.status === 401) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
    return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  }
  if (me.data.stage !== 'full') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  setDisplayTimeZone(me.data.timeZone); // Dates and times on every screen are in the user's office zone.
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}
