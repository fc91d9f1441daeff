/** VolumeZone: a storage hook (see volume-hook.ts); the storage issue replaces it through the plugin registry. */
import { volumeHook } from './volume-hook.js';

export const name = 'VolumeZone';
export const volumeZone = () => volumeHook(name);
