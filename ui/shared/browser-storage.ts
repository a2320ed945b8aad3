/**
 * The page's localStorage, or null where the browser refuses it (privacy modes, sandboxed frames,
 * blocked third-party storage throw on access): callers then keep their state in memory only.
 */
export function localStorageOrNull(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}
