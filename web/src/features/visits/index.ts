export { VisitsSection } from './VisitsSection.tsx';
export { HistoryPage } from './HistoryPage.tsx';
export { TeamVisitsPage } from './TeamVisitsPage.tsx';
export { VisitsNavLinks } from './NavLinks.tsx';
