import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthorisedHandler, type Role, type Session } from './api';

type SessionState =
  | { status: 'loading' }
  | { status: 'signedIn'; session: Session }
  /** `ended` is set when the server ended a session we had (expiry), so sign-in can say so. */
  | { status: 'signedOut'; ended: boolean };

type SessionContextValue = {
  state: SessionState;
  signIn(email: string, password: string): Promise<Session>;
  signOut(): Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    api
      .session()
      .then((session) => {
        if (cancelled) return;
        setCsrfToken(session.csrfToken);
        setState({ status: 'signedIn', session });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        // No session (401) or no server: either way the person has to sign in.
        if (!(error instanceof ApiError) || error.status !== 401) console.warn('Could not read the session', error);
        setState({ status: 'signedOut', ended: false });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    setUnauthorisedHandler(() => {
      setCsrfToken(null);
      queryClient.clear();
      setState((previous) => ({ status: 'signedOut', ended: previous.status === 'signedIn' }));
    });
    return () => setUnauthorisedHandler(null);
  }, [queryClient]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const session = await api.signIn(email, password);
      setCsrfToken(session.csrfToken);
      queryClient.clear();
      setState({ status: 'signedIn', session });
      return session;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      setState({ status: 'signedOut', ended: false });
    }
  }, [queryClient]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext outside SessionProvider');
  return value;
}

/** The signed-in session; only for pages behind <RequireSession>. */
export function useSession(): Session {
  const { state } = useSessionContext();
  if (state.status !== 'signedIn') throw new Error('useSession used on a page that does not require a session');
  return state.session;
}

const practitionerRoles: readonly Role[] = ['coordinator', 'social_worker', 'nurse', 'therapist', 'team_manager'];
const reviewerRoles: readonly Role[] = ['team_manager', 'auditor'];
const nonClinicalRoles: readonly Role[] = ['finance_officer', 'commissioner', 'board_member', 'administrator'];

export const canSearchPeople = (role: Role) => practitionerRoles.includes(role);
export const canReviewBreakGlass = (role: Role) => reviewerRoles.includes(role);
export const canReadAudit = (role: Role) => role === 'auditor';
export const seesPlaceOverview = (role: Role) => nonClinicalRoles.includes(role);
export const canWorkDischargeBoard = (role: Role) => practitionerRoles.includes(role);
export const canReadFlowMeasures = (role: Role) => practitionerRoles.includes(role) || nonClinicalRoles.includes(role) || role === 'auditor';

/** The front door's queue and its two triage choices. */
export const canTriage = (role: Role) => role === 'coordinator' || role === 'team_manager';

/** The teams whose caseload a user works: every team but the single point of entry. */
export function caseloadTeams(session: Session): Session['user']['teams'] {
  return session.user.teams.filter((t) => t.kind !== 'single_point_of_entry');
}
