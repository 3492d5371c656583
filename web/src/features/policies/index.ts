export { PoliciesPage } from './PoliciesPage.tsx';
export { PolicyPage } from './PolicyPage.tsx';
export { EditorPage as PolicyEditorPage } from './EditorPage.tsx';
export { PolicyImportPage } from './ImportPage.tsx';
export { PoliciesNavLink } from './NavLink.tsx';
