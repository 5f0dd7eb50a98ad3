import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app/app';

// The pages are lazy chunks with hashed names, and a new release deletes the old ones: a tab opened
// before the release fails to fetch the next page's chunk. Loading the page again gets the new index
// (once a minute at most, so that a chunk that is really missing does not reload the page forever).
window.addEventListener('vite:preloadError', () => {
  const last = Number(sessionStorage.getItem('htt-chunk-reload') ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem('htt-chunk-reload', String(Date.now()));
  window.location.reload();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
