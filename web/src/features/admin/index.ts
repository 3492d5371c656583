/**
 * What the shell imports from the admin area: its pages, loaded on first visit (most users never open
 * them; the service worker still precaches the chunks), and the nav link shown to those who may enter.
 */
import { lazy } from 'solid-js';

export const UsersPage = lazy(() => import('./UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
export const TeamsPage = lazy(() => import('./TeamsPage.tsx').then((m) => ({ default: m.TeamsPage })));
export const AuditPage = lazy(() => import('./AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
export { AdminNavLink } from './AdminNavLink.tsx';
