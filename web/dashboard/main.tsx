// The shared styles first: each part's own stylesheet, imported with it, refines them.
import './dashboard.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Dashboard } from './dashboard';

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <Dashboard />
  </StrictMode>,
);
