/**
 * One meaning of MB everywhere eco-dossier speaks of sizes (messages, limits, --max-volume-mb, JSON):
 * 1024 × 1024 bytes, as Windows Explorer counts them, so a size the office reads in a message is the one
 * its file manager shows.
 */
export const MB = 1024 * 1024;

/** A size as the office reads it: one decimal below 10 MB, whole megabytes above ("3.2 MB", "946 MB"). */
export function megabytesText(bytes: number): string {
  const mb = bytes / MB;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
