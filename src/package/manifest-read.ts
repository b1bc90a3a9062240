import { openBundle, readAll } from '../files/index.ts';
import { MANIFEST_FILE, Manifest } from '../model/index.ts';

/**
 * Reading a bundle's manifest.json, the one home for it: from a bundle folder or its zip, as bytes (to
 * compare or hash), as the file count beside it, or parsed. Reading never trusts the manifest: verify does
 * the checking.
 */

/** manifest.json's bytes and the number of files the bundle holds; throws when the bundle or its manifest cannot be read. */
export async function readManifestBytes(location: string): Promise<{ readonly bytes: Buffer; readonly files: number }> {
  const reader = await openBundle(location);
  try {
    return { bytes: await readAll(await reader.open(MANIFEST_FILE)), files: reader.files.length };
  } finally {
    await reader.close();
  }
}

/** The parsed manifest of a bundle folder or zip; throws when it cannot be read or is not a manifest. */
export async function readManifest(location: string): Promise<Manifest> {
  const { bytes } = await readManifestBytes(location);
  return Manifest.parse(JSON.parse(bytes.toString('utf8')));
}
