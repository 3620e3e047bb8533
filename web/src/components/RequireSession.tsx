import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../api';
import { useSessionContext } from '../session';
import { Loading, usePageTitle } from './common';

export type SignInReason = 'required' | 'ended' | 'signedOut';
export type SignInState = { from?: string; reason?: SignInReason };

/** Pages behind sign-in: anyone without a session is sent to sign in and brought back after. */
export function RequireSession({ children, roles }: { children: ReactNode; roles?: (role: Role) => boolean }) {
  const { state } = useSessionContext();
  const location = useLocation();
  if (state.status === 'loading') return <Loading what="your session" />;
  if (state.status === 'signedOut') {
    const to: SignInState = {
      from: `${location.pathname}${location.search}${location.hash}`,
      reason: state.ended ? 'ended' : 'required',
    };
    return <Navigate to="/sign-in" replace state={to} />;
  }
  if (roles && !roles(state.session.user.role)) return <NotForYourRole roleLabel={state.session.user.roleLabel} />;
  return <>{children}</>;
}

function NotForYourRole({ roleLabel }: { roleLabel: string }) {
  usePageTitle('You cannot use this page');
  return (
    <>
      <h1>You cannot use this page</h1>
      <p>This page is not part of the work of a {roleLabel.toLowerCase()}, so Caretrust does not show it to you.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </>
  );
}
