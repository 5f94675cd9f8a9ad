import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ApiError } from './api/client';
import { ME_KEY } from './api/hooks';
import { INBOX_KEY } from './api/work';
import { App } from './App';
import { DatesLocale } from './components/DatesLocale';
import './i18n';
import { cssVariablesResolver, theme } from './theme';

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    // A 401 on any page means the session ended: re-check who is signed in, which sends the user to /login.
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== ME_KEY[0]) {
        void queryClient.invalidateQueries({ queryKey: ME_KEY });
      }
    },
  }),
  // Any action may change someone's work: Kotak Masuk, the menu's counts and the home page refresh after each.
  mutationCache: new MutationCache({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: INBOX_KEY }) }),
  defaultOptions: {
    queries: {
      // Client errors (4xx) will not change on retry; network and server errors get one more try.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <DatesLocale>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </DatesLocale>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
