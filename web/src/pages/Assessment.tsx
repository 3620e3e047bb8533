import { usePageTitle } from '../components/common';

export function AssessmentPage() {
  usePageTitle('Assessment');
  return <h1>Assessment</h1>;
}
