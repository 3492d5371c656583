export { DirectoryPage } from './DirectoryPage.tsx';
export { ImportPage } from './ImportPage.tsx';
export { DirectoryNavLink } from './DirectoryNavLink.tsx';
