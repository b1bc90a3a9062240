/** The default size limit of one annex volume (佐证材料汇编 每册), in MB of 1024 × 1024 bytes; 0 means one volume. */
export const DEFAULT_MAX_VOLUME_MB = 100;
