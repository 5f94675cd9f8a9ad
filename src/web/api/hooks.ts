import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client';
import type { Me } from './client';

/** The query key of the current user. */
export const ME_KEY = ['me'] as const;

/** The current user, or an ApiError with status 401 when nobody is signed in. */
export function useMe() {
  return useQuery<Me, ApiError>({ queryKey: ME_KEY, queryFn: api.me, retry: false, staleTime: 30_000 });
}

/** The signed-in user inside the app shell (provided by RequireAuth). */
export const SessionContext = createContext<Me | null>(null);

/** The signed-in user; only valid below RequireAuth. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession used outside RequireAuth');
  return me;
}

/** True when the user administers their own organisation. */
export function isAdmin(me: Me): boolean {
  return me.roles.some((r) => r.code === 'admin');
}

/** True when the user works at the Directorate General (pusat). */
export function isPusat(me: Me): boolean {
  return me.atPusat;
}

/** True when the user's roles hold the capability in their office (its permission settings). */
export function hasCapability(me: Me, capability: string): boolean {
  return me.capabilities.includes(capability);
}
