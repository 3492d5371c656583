/**
 * The district settings the visit screens need (check-in radius, accuracy limit), from the synced district
 * config (cfg-district); until that doc has arrived on a device its store answers with the shared
 * defaults, so check-ins are flagged offline on a fresh device too.
 */
import type { DistrictSettings } from '@bangqi/shared';
import type { AppServices } from '../../state/app.tsx';

export function districtSettings(app: Pick<AppServices, 'config'>): DistrictSettings {
  return app.config.settings();
}
