import { LinkCards } from '../components/LinkCards';
import { usePageTitle } from '../components/common';
import { useSession } from '../session';
import { readsPool } from '../finance/roles';
import { readsInvoices } from './invoicesApi';
import { readsMarket } from './marketApi';
import { readsPayRuns } from './payRunsApi';

/** The way into joint commissioning and paying providers: one card per part the role may read. */
export function CommissioningHomePage() {
  usePageTitle('Commissioning');
  const { user } = useSession();
  const parts = [
    { to: '/commissioning/invoices', title: 'Invoices', text: 'Providers’ invoices matched to planned and delivered care; held lines with their reasons; approval.', shown: readsInvoices(user.role) },
    { to: '/commissioning/pay-runs', title: 'Pay runs', text: 'Approved invoice lines and direct payments paid, posted to the pooled budget, with remittances.', shown: readsPayRuns(user.role) },
    { to: '/commissioning/market', title: 'Market view', text: 'Spend, hours and price by provider, service and zone; contract use; in-house against commissioned care.', shown: readsMarket(user.role) },
    { to: '/commissioning/groups', title: 'Commissioning groups', text: 'The groups and joint boards, their members, budget lines and decisions.', shown: readsPool(user.role) },
  ].filter((p) => p.shown);
  return (
    <>
      <h1>Commissioning</h1>
      <LinkCards cards={parts} />
    </>
  );
}
