export { DemandsPage } from './DemandsPage.tsx';
export { DemandPage } from './DemandPage.tsx';
export { DemandsNavLink, HomeRoute } from './nav.tsx';
export { FileDemandsSection } from './FileDemandsSection.tsx';
export { RaiseFromVisit } from './RaiseFromVisit.tsx';
