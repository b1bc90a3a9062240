/** The little of upstream fontkit 2.x that eco-dossier uses (the package ships no types). */
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
