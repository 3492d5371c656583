/**
 * The district settings the visit screens need (check-in radius, accuracy limit). They come from the
 * synced district config (`useApp().config`, the cfg-district doc); a device that has none yet uses the
 * shared defaults, so check-ins are flagged offline on a fresh device too.
 */
import { DEFAULT_SETTINGS, type DistrictSettings } from '@bangqi/shared';
import type { AppServices } from '../../state/app.tsx';

export function districtSettings(app: AppServices): DistrictSettings {
  const config = (app as Partial<{ config: { settings: () => DistrictSettings } }>).config;
  return config ? config.settings() : DEFAULT_SETTINGS;
}
