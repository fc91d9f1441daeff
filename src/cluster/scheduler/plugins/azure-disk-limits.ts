/**
 * AzureDiskLimits: the in-tree Azure Disk limit. With CSI migration on (AKS
 * since 1.21) in-tree azureDisk volumes are counted by NodeVolumeLimits
 * against disk.csi.azure.com, so this plugin skips every pod, as upstream's
 * does once the plugin is migrated.
 */
import type { Plugin } from '../types.js';

export const name = 'AzureDiskLimits';
export const azureDiskLimits = (): Plugin => ({
  name,
  preFilter() {
    return 'skip';
  },
});
