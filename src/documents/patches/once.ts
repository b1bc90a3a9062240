/** A patch's installer that does its work on the first call and nothing on later ones (every patch installs once per process). */
export function once(install: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    install();
  };
}
