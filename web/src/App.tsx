import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { RequireSession } from './components/RequireSession';
import { AuditPage } from './pages/Audit';
import { DischargeBoardPage } from './pages/DischargeBoard';
import { FlowMeasuresPage } from './pages/FlowMeasures';
import { HomePage } from './pages/Home';
import { NotFoundPage } from './pages/NotFound';
import { PersonPage } from './pages/Person';
import { ReviewsPage } from './pages/Reviews';
import { SearchPage } from './pages/Search';
import { SignInPage } from './pages/SignIn';
import { SignOutPage } from './pages/SignOut';
import { canReadAudit, canReadFlowMeasures, canReviewBreakGlass, canSearchPeople, canWorkDischargeBoard } from './session';

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
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}
