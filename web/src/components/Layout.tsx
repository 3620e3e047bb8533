import { Footer, Header, SkipLink } from 'nhsuk-react-components';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { readsPool } from '../finance/roles';
import { mayCommission } from '../../../src/commissioning/role-lists';
import { canReadAudit, canReviewBreakGlass, canSearchPeople, caseloadTeams, useSessionContext } from '../session';

/** The frame of every page: skip link, NHS header, one <main>, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { state } = useSessionContext();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // A single-page app does not reload between pages, so move focus to the new page's content the
  // way a page load would, letting screen readers start from the top of it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const session = state.status === 'signedIn' ? state.session : null;
  const role = session?.user.role;
  const path = location.pathname;
  const navItems: { to: string; label: string; current: boolean }[] = [];
  if (session && role) {
    navItems.push({ to: '/', label: 'Home', current: path === '/' });
    if (role === 'coordinator')
      navItems.push({ to: '/front-door', label: 'Front door', current: path.startsWith('/front-door') || path.startsWith('/referrals') });
    const [team] = canSearchPeople(role) ? caseloadTeams(session) : [];
    if (team) navItems.push({ to: `/teams/${team.id}`, label: role === 'team_manager' ? 'Your team' : 'Team', current: path.startsWith('/teams') });
    if (canSearchPeople(role)) navItems.push({ to: '/people', label: 'Find a person', current: path.startsWith('/people') });
    if (canReviewBreakGlass(role)) navItems.push({ to: '/reviews', label: 'Break-glass reviews', current: path.startsWith('/reviews') });
    if (readsPool(role)) navItems.push({ to: '/finance', label: 'Pooled budget', current: path === '/finance' || path.startsWith('/finance/lines') });
    if (readsPool(role)) navItems.push({ to: '/finance/statements', label: 'Pool statements', current: path.startsWith('/finance/statements') });
    if (canReadAudit(role)) navItems.push({ to: '/audit', label: 'Audit log', current: path.startsWith('/audit') });
    if (readsPool(role)) navItems.push({ to: '/finance/gl-import', label: 'GL import', current: path.startsWith('/finance/gl-import') });
    if (readsPool(role)) navItems.push({ to: '/finance/month-end', label: 'Month-end close', current: path.startsWith('/finance/month-end') });
    if (role === 'provider_staff') navItems.push({ to: '/portal/invoices', label: 'Your invoices', current: path.startsWith('/portal/invoices') });
    if (role === 'provider_staff') navItems.push({ to: '/portal/remittances', label: 'Your remittances', current: path.startsWith('/portal/remittances') });
    if (mayCommission(role, 'read'))
      navItems.push({ to: '/commissioning', label: 'Commissioning', current: path.startsWith('/commissioning') });
    if (readsPool(role)) navItems.push({ to: '/finance/agreement', label: 'Pool agreement', current: path.startsWith('/finance/agreement') });
  }

  return (
    <>
      <SkipLink href="#maincontent">Skip to main content</SkipLink>
      <Header service={{ text: 'Caretrust', href: '/' }}>
        {session ? (
          <Header.Account aria-label="Your account">
            <Header.AccountItem icon>
              <span data-testid="signed-in-user">
                {session.user.displayName}
                <span className="caretrust-header-role"> ({session.user.roleLabel})</span>
              </span>
            </Header.AccountItem>
            <Header.AccountItem as="a" asElement={Link} to="/sign-out" href="/sign-out">
              Sign out
            </Header.AccountItem>
          </Header.Account>
        ) : null}
        {navItems.length ? (
          <Header.Navigation aria-label="Menu">
            {navItems.map((item) => (
              <Header.NavigationItem key={item.to} asElement={Link} to={item.to} current={item.current}>
                {item.label}
              </Header.NavigationItem>
            ))}
          </Header.Navigation>
        ) : null}
      </Header>
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper caretrust-main" id="maincontent" tabIndex={-1} ref={mainRef}>
          {children}
        </main>
      </div>
      <Footer>
        <Footer.Meta>
          <Footer.ListItem href="/docs">API documentation</Footer.ListItem>
          <Footer.Copyright>
            Caretrust{session ? ` for ${session.place.name}` : ''}. The people in this service are synthetic.
          </Footer.Copyright>
        </Footer.Meta>
      </Footer>
    </>
  );
}
