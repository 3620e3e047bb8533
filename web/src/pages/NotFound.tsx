import { Link } from 'react-router-dom';
import { usePageTitle } from '../components/common';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Page not found</h1>
        <p>If you typed the web address, check it is correct.</p>
        <p>If you pasted the web address, check you copied the entire address.</p>
        <p>
          <Link to="/">Go to your Caretrust home page</Link>
        </p>
      </div>
    </div>
  );
}
