import { Route, Routes } from 'react-router-dom';
import { MonthEndPage } from './finance/MonthEnd';
import { Layout } from './components/Layout';
import { RequireSession } from './components/RequireSession';
import { AssessmentPage } from './pages/Assessment';
import { AuditPage } from './pages/Audit';
import { DelegationsPage } from './pages/Delegations';
import { RoutingRulesPage } from './partnership/RoutingRules';
import { GlImportPage } from './finance/GlImport';
import { InvoicePage } from './commissioning/Invoice';
import { InvoiceQueuePage } from './commissioning/InvoiceQueue';
import { readsInvoices } from './commissioning/invoicesApi';
import { PortalInvoicesPage } from './portal/Invoices';
import { PortalRemittancesPage } from './portal/Remittances';
import { BudgetLinePage } from './finance/BudgetLine';
import { PoolDashboardPage } from './finance/PoolDashboard';
import { PayRunsPage } from './commissioning/PayRuns';
import { PayRunPage } from './commissioning/PayRun';
import { PayRunRemittancePage } from './commissioning/PayRunRemittance';
import { readsPayRuns } from './commissioning/payRunsApi';
import { GroupListPage } from './commissioning/GroupList';
import { GroupPage } from './commissioning/GroupPage';
import { readsPool } from './finance/roles';
import { StatementsPage } from './finance/Statements';
import { DischargeBoardPage } from './pages/DischargeBoard';
import { FlowMeasuresPage } from './pages/FlowMeasures';
import { FrontDoorPage } from './pages/FrontDoor';
import { MdtMeetingPage } from './pages/Mdt';
import { NewReferralPage } from './pages/NewReferral';
import { PlanPage } from './pages/Plan';
import { ReferralPage } from './pages/Referral';
import { CasePage } from './pages/Case';
import { TeamPage } from './pages/Team';
import { StaffRecordPage } from './partnership/StaffRecord';
import { HomePage } from './pages/Home';
import { NotFoundPage } from './pages/NotFound';
import { PersonPage } from './pages/Person';
import { ReviewsPage } from './pages/Reviews';
import { SearchPage } from './pages/Search';
import { SignInPage } from './pages/SignIn';
import { SignOutPage } from './pages/SignOut';
import { AgreementPage } from './finance/Agreement';
import { MarketViewPage } from './commissioning/MarketView';
import { CommissioningHomePage } from './commissioning/CommissioningHome';
import { mayCommission } from '../../src/commissioning/role-lists';
import { readsMarket } from './commissioning/marketApi';
import { canReadAudit, canReadFlowMeasures, canReviewBreakGlass, canSearchPeople, canTriage, canWorkDischargeBoard } from './session';

export function App() {
  return (
    <Layout>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/sign-out" element={<SignOutPage />} />
        <Route
          path="/"
          element={
            <RequireSession>
              <HomePage />
            </RequireSession>
          }
        />
        <Route path="/commissioning/invoices" element={<RequireSession roles={readsInvoices}><InvoiceQueuePage /></RequireSession>} />
        <Route path="/commissioning/invoices/:id" element={<RequireSession roles={readsInvoices}><InvoicePage /></RequireSession>} />
        <Route path="/portal/invoices" element={<RequireSession roles={(r) => r === 'provider_staff'}><PortalInvoicesPage /></RequireSession>} />
        <Route path="/portal/remittances" element={<RequireSession roles={(r) => r === 'provider_staff'}><PortalRemittancesPage /></RequireSession>} />
        <Route path="/commissioning" element={<RequireSession roles={(r) => mayCommission(r, 'read')}><CommissioningHomePage /></RequireSession>} />
        <Route path="/commissioning/market" element={<RequireSession roles={readsMarket}><MarketViewPage /></RequireSession>} />
        <Route path="/finance" element={<RequireSession roles={readsPool}><PoolDashboardPage /></RequireSession>} />
        <Route path="/commissioning/pay-runs" element={<RequireSession roles={readsPayRuns}><PayRunsPage /></RequireSession>} />
        <Route path="/commissioning/pay-runs/:id" element={<RequireSession roles={readsPayRuns}><PayRunPage /></RequireSession>} />
        <Route path="/commissioning/pay-runs/:id/remittances/:providerId" element={<RequireSession roles={readsPayRuns}><PayRunRemittancePage /></RequireSession>} />
        <Route path="/commissioning/groups" element={<RequireSession roles={readsPool}><GroupListPage /></RequireSession>} />
        <Route path="/commissioning/groups/:id" element={<RequireSession roles={readsPool}><GroupPage /></RequireSession>} />
        <Route path="/finance/lines/:code" element={<RequireSession roles={readsPool}><BudgetLinePage /></RequireSession>} />
        <Route
          path="/finance/statements"
          element={
            <RequireSession roles={readsPool}>
              <StatementsPage />
            </RequireSession>
          }
        />
        <Route
          path="/people"
          element={
            <RequireSession roles={canSearchPeople}>
              <SearchPage />
            </RequireSession>
          }
        />
        <Route
          path="/people/:id"
          element={
            <RequireSession>
              <PersonPage />
            </RequireSession>
          }
        />
        <Route
          path="/front-door"
          element={
            <RequireSession roles={canTriage}>
              <FrontDoorPage />
            </RequireSession>
          }
        />
        <Route
          path="/front-door/new"
          element={
            <RequireSession roles={canSearchPeople}>
              <NewReferralPage />
            </RequireSession>
          }
        />
        <Route
          path="/referrals/:id"
          element={
            <RequireSession roles={canSearchPeople}>
              <ReferralPage />
            </RequireSession>
          }
        />
        <Route
          path="/staff/:id"
          element={
            <RequireSession>
              <StaffRecordPage />
            </RequireSession>
          }
        />
        <Route
          path="/teams/:id"
          element={
            <RequireSession roles={canSearchPeople}>
              <TeamPage />
            </RequireSession>
          }
        />
        <Route
          path="/teams/:id/cases/:caseId"
          element={
            <RequireSession roles={canSearchPeople}>
              <CasePage />
            </RequireSession>
          }
        />
        <Route
          path="/assessments/:id"
          element={
            <RequireSession roles={canSearchPeople}>
              <AssessmentPage />
            </RequireSession>
          }
        />
        <Route
          path="/mdt/:id"
          element={
            <RequireSession roles={canSearchPeople}>
              <MdtMeetingPage />
            </RequireSession>
          }
        />
        <Route
          path="/plans/:id"
          element={
            <RequireSession roles={canSearchPeople}>
              <PlanPage />
            </RequireSession>
          }
        />
        <Route
          path="/reviews"
          element={
            <RequireSession roles={canReviewBreakGlass}>
              <ReviewsPage />
            </RequireSession>
          }
        />
        <Route
          path="/audit"
          element={
            <RequireSession roles={canReadAudit}>
              <AuditPage />
            </RequireSession>
          }
        />
        <Route
          path="/flow/board"
          element={
            <RequireSession roles={canWorkDischargeBoard}>
              <DischargeBoardPage />
            </RequireSession>
          }
        />
        <Route
          path="/flow/measures"
          element={
            <RequireSession roles={canReadFlowMeasures}>
              <FlowMeasuresPage />
            </RequireSession>
          }
        />
        <Route
          path="/delegations"
          element={
            <RequireSession>
              <DelegationsPage />
            </RequireSession>
          }
        />
        <Route
          path="/routing-rules"
          element={
            <RequireSession>
              <RoutingRulesPage />
            </RequireSession>
          }
        />
        <Route
          path="/finance/gl-import"
          element={
            <RequireSession roles={readsPool}>
              <GlImportPage />
            </RequireSession>
          }
        />
        <Route path="/finance/month-end" element={<RequireSession roles={readsPool}><MonthEndPage /></RequireSession>} />
        <Route
          path="/finance/agreement"
          element={
            <RequireSession>
              <AgreementPage />
            </RequireSession>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}
