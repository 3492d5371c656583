/**
 * One position from the device for a check-in/out. Never throws: a refusal or no fix within the timeout
 * becomes a flagged stamp (the visit is saved all the same).
 */
import type { PositionResult } from '@bangqi/shared';

/** A phone in a factory yard may need a while for a first fix; longer than this is "无法定位". */
export const GPS_TIMEOUT_MS = 20_000;

export function locate(geo: Geolocation | undefined = globalThis.navigator?.geolocation, timeoutMs = GPS_TIMEOUT_MS): Promise<PositionResult> {
  if (!geo) return Promise.resolve({ error: 'no-fix' });
  return new Promise((resolve) => {
    try {
      geo.getCurrentPosition(
        (pos) => resolve({ coords: { latitude: pos.coords.latitude, longitude: pos.coords.longitude, accuracy: pos.coords.accuracy } }),
        (err) => resolve({ error: err.code === 1 ? 'denied' : 'no-fix' }),
        // maximumAge 0: a check-out must not reuse the check-in's cached position.
        { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 },
      );
    } catch {
      resolve({ error: 'no-fix' });
    }
  });
}
