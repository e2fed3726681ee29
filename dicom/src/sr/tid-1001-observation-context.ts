/**
 * TID 1001 Observation Context: the observers of a report. Heron is a device observer (TID 1004); a reader who
 * verified the report follows as a person observer (TID 1003), because TID 1002 allows a person after the device.
 */
import type { DeviceIdentity } from '../core/derived-header';
import { SR } from './sr-codes';
import { type ContentItem, codeItem, personItem, textItem, uidItem } from './sr-content';

export function tid1001ObservationContext(
  device: DeviceIdentity,
  deviceUid: string,
  deviceModel: string,
  verifyingReader?: string,
): ContentItem[] {
  const deviceObserver = [
    codeItem('HAS OBS CONTEXT', SR.observerType, SR.device),
    uidItem('HAS OBS CONTEXT', SR.deviceUid, deviceUid),
    textItem('HAS OBS CONTEXT', SR.deviceName, device.modelName),
    textItem('HAS OBS CONTEXT', SR.deviceManufacturer, device.manufacturer),
    textItem('HAS OBS CONTEXT', SR.deviceModel, deviceModel),
  ];
  if (verifyingReader === undefined) return deviceObserver;
  return [
    ...deviceObserver,
    codeItem('HAS OBS CONTEXT', SR.observerType, SR.person),
    personItem('HAS OBS CONTEXT', SR.personName, verifyingReader),
  ];
}
