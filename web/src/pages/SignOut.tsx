import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { Loading, usePageTitle } from '../components/common';
import type { SignInState } from '../components/RequireSession';
import { useSessionContext } from '../session';

/** Signing out has its own address so the header can offer it as an ordinary link. */
export function SignOutPage() {
  const { signOut } = useSessionContext();
  const navigate = useNavigate();
  const started = useRef(false);
  usePageTitle('Signing out');

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const state: SignInState = { reason: 'signedOut' };
    signOut()
      .catch(() => undefined)
      .finally(() => navigate('/sign-in', { replace: true, state }));
  }, [signOut, navigate]);

  return <Loading what="— signing you out" />;
}
