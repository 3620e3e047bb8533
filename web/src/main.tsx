import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ApiError } from './api';
import { App } from './App';
import { SessionProvider } from './session';
import './styles.scss';

// NHS.UK frontend's components only start when the page says JavaScript is supported; the React
// components initialise them, so this must happen before the first render.
document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx is an answer (forbidden, not found, invalid), not a fault to retry.
      retry: (failureCount, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
