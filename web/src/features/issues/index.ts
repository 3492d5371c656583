export { IssuesPage } from './IssuesPage.tsx';
export { NewIssuePage } from './NewIssuePage.tsx';
export { IssuePage } from './IssuePage.tsx';
export { IssueBadge } from './IssueBadge.tsx';
export { s as issueStrings } from './strings.ts';
export { IssuesNavLinks } from './nav.tsx';
