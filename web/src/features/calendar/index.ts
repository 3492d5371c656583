export { CalendarPage, CalendarSettingsLink } from './CalendarPage.tsx';
