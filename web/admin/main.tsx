import '../dashboard/dashboard.css';
import './admin.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Console } from './console';

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
